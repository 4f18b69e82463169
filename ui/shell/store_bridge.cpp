#include "shell/store_bridge.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>

namespace shoppilot::ui {

StoreBridge::StoreBridge(QObject* parent) : QObject(parent) {}

StoreBridge::~StoreBridge() { follow({}); }

void StoreBridge::follow(const QString& path)
{
    if (m_feed)
        m_feed->unsubscribe(m_token);
    m_feed = nullptr;
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath().isEmpty() ? info.absoluteFilePath() : info.canonicalFilePath();
    m_feed = &store::changeFeedFor(canonical.toStdString());
    QPointer<StoreBridge> self(this);
    // Writers call back on their own thread. Post to the application object (which outlives
    // us) and look at `self` only on the GUI thread, so a bridge deleted meanwhile is skipped.
    m_token = m_feed->subscribe([self](const store::Change& change) {
        const QString table = QString::fromStdString(change.table);
        const qint64 rows = change.rows;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [self, table, rows] {
                if (self)
                    Q_EMIT self->tableChanged(table, rows);
            },
            Qt::QueuedConnection);
    });
}

} // namespace shoppilot::ui
