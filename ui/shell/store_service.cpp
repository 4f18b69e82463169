#include "shell/store_service.h"

#include "common/error.h"

namespace shoppilot::ui {

QString storeErrorMessage(std::exception_ptr error)
{
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    } catch (...) {
        return StoreService::tr("The store reported an unknown error.");
    }
}

StoreService::StoreService(QObject* parent) : QObject(parent)
{
    m_readerPool.setMaxThreadCount(2);
    m_readerPool.setObjectName(QStringLiteral("store-readers"));
    m_writerPool.setMaxThreadCount(1);
    m_writerPool.setObjectName(QStringLiteral("store-writer"));
    // Pooled threads end after a while idle; their connections are pooled in StoreAccess.
    m_readerPool.setExpiryTimeout(60000);
    m_writerPool.setExpiryTimeout(60000);
}

StoreService::~StoreService()
{
    waitForDone();
}

void StoreService::setPath(const QString& path)
{
    if (path == m_path && (m_access || path.isEmpty()))
        return;
    m_path = path;
    try {
        m_access = path.isEmpty() ? nullptr : store::StoreAccess::get(path.toStdString());
    } catch (const std::exception& e) {
        // Already open read-only in this process: reads work, writes say why they cannot.
        m_access = store::StoreAccess::get(path.toStdString(), store::OpenMode::ReadOnly);
    }
}

void StoreService::waitForDone()
{
    m_readerPool.waitForDone();
    m_writerPool.waitForDone();
}

void StoreService::deliver(std::function<void()> fn)
{
    if (m_inline) {
        fn();
        return;
    }
    QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
}

} // namespace shoppilot::ui
