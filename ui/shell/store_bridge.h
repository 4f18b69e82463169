// Bridges the store's Qt-free change feed to a Qt signal delivered on this object's thread.
#pragma once

#include <QObject>
#include <QString>

#include "store/change_feed.h"

namespace shoppilot::ui {

class StoreBridge : public QObject {
    Q_OBJECT
public:
    explicit StoreBridge(QObject* parent = nullptr);
    ~StoreBridge() override;

    // Follows the feed of the store at `path` (empty = none).
    void follow(const QString& path);

Q_SIGNALS:
    void tableChanged(const QString& table, qint64 rows);

private:
    store::ChangeFeed* m_feed = nullptr;
    store::ChangeFeed::Token m_token = 0;
};

} // namespace shoppilot::ui
