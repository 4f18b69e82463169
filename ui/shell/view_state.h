// Shared view state every panel reads: the open store, the date range and granularity, and the
// drill-down path. Changes go through an undo stack, so Back/Undo work across panels; a panel
// never reaches into another panel, it only reads and edits this object.
#pragma once

#include <QDate>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QString>
#include <QUndoStack>
#include <QVector>

namespace shoppilot::ui {

class StoreService;

// One step of a drill-down: a dimension ("category", "country", "channel"), the key the
// filter uses (category id as text, country code, channel) and the label shown.
struct DrillStep {
    QString dimension;
    QString key;
    QString label;
    friend bool operator==(const DrillStep&, const DrillStep&) = default;
};

// The drill step of a saved segment (key = segments.id, label = its name): Overview counts only
// its members; the Segments panel sets it ("Show in Overview").
inline const QString kSegmentDimension = QStringLiteral("segment");

enum class TimeGrain { Day, Week, Month };

struct ViewFilter {
    QDate from; // inclusive, local calendar date
    QDate to;   // inclusive
    TimeGrain grain = TimeGrain::Day;
    QVector<DrillStep> drill;
    friend bool operator==(const ViewFilter&, const ViewFilter&) = default;
};

class ViewState : public QObject {
    Q_OBJECT
public:
    explicit ViewState(QObject* parent = nullptr);

    QString storePath() const { return m_storePath; }
    // How panels read and write the open store (off the GUI thread; see store_service.h).
    StoreService& store() { return *m_store; }
    void setStorePath(const QString& path); // not undoable: a new store clears the history

    const ViewFilter& filter() const { return m_filter; }
    void setRange(const QDate& from, const QDate& to);
    void setGrain(TimeGrain grain);
    void drillDown(const DrillStep& step);
    // Drops the step of one dimension (e.g. the segment), keeping the others.
    void clearDrill(const QString& dimension);
    // Back to the first `depth` steps of the drill-down path (0 = no drill-down).
    void drillUpTo(int depth);
    // Replaces the whole filter as one undoable step.
    void setFilter(const ViewFilter& filter, const QString& description);
    // Sets the filter without an undo step and clears the history: the starting point after a
    // store opens, which Undo must not walk back past.
    void resetFilter(const ViewFilter& filter);
    // Called by the shell when the open store's data changed on disk (import, sync, webhook).
    void notifyDataChanged(const QString& table);
    // A panel asks the shell to show another panel by its id (e.g. "overview"); it never knows it.
    void requestPanel(const QString& id) { Q_EMIT panelRequested(id); }
    // A panel asks to show a product where its price is set (the Pricing panel selects it).
    void requestProduct(qint64 productId)
    {
        Q_EMIT productRequested(productId);
        requestPanel(QStringLiteral("pricing"));
    }

    QUndoStack* undoStack() { return &m_undo; }

Q_SIGNALS:
    void storeChanged(const QString& path);
    void filterChanged(const shoppilot::ui::ViewFilter& filter);
    // A table of the open store changed; panels that show it reload.
    void dataChanged(const QString& table);
    void panelRequested(const QString& id);
    void productRequested(qint64 productId);

private:
    friend class FilterCommand;
    void apply(const ViewFilter& filter);

    QString m_storePath;
    StoreService* m_store;
    ViewFilter m_filter;
    QUndoStack m_undo;
    // dataChanged at most once per table per interval (a sync writes a page every few ms).
    QTimer* m_changeThrottle;
    QSet<QString> m_pendingChanges;
};

} // namespace shoppilot::ui
