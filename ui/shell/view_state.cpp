#include "shell/view_state.h"

#include <utility>

#include <QUndoCommand>

#include "shell/store_service.h"

namespace shoppilot::ui {

class FilterCommand : public QUndoCommand {
public:
    FilterCommand(ViewState* state, ViewFilter before, ViewFilter after, const QString& text)
        : QUndoCommand(text), m_state(state), m_before(std::move(before)), m_after(std::move(after))
    {
    }
    void undo() override { m_state->apply(m_before); }
    void redo() override { m_state->apply(m_after); }

private:
    ViewState* m_state;
    ViewFilter m_before;
    ViewFilter m_after;
};

ViewState::ViewState(QObject* parent)
    : QObject(parent), m_store(new StoreService(this)), m_changeThrottle(new QTimer(this))
{
    m_changeThrottle->setSingleShot(true);
    m_changeThrottle->setInterval(250);
    connect(m_changeThrottle, &QTimer::timeout, this, [this] {
        const auto pending = std::exchange(m_pendingChanges, {});
        for (const QString& table : pending)
            Q_EMIT dataChanged(table);
        if (!pending.isEmpty())
            m_changeThrottle->start();
    });
}

void ViewState::setStorePath(const QString& path)
{
    m_undo.clear();
    m_storePath = path;
    m_store->setPath(path);
    m_filter.drill.clear();
    Q_EMIT storeChanged(path);
}

void ViewState::apply(const ViewFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    Q_EMIT filterChanged(m_filter);
}

void ViewState::setFilter(const ViewFilter& filter, const QString& description)
{
    if (filter == m_filter)
        return;
    m_undo.push(new FilterCommand(this, m_filter, filter, description));
}

void ViewState::resetFilter(const ViewFilter& filter)
{
    m_undo.clear();
    apply(filter);
}

void ViewState::notifyDataChanged(const QString& table)
{
    // The first change shows at once; a burst (a sync, an import) then refreshes the panels at
    // most once per interval and once more after it ends, so no change is ever lost.
    if (m_changeThrottle->isActive()) {
        m_pendingChanges.insert(table);
        return;
    }
    Q_EMIT dataChanged(table);
    m_changeThrottle->start();
}

void ViewState::setRange(const QDate& from, const QDate& to)
{
    ViewFilter f = m_filter;
    f.from = from;
    f.to = to;
    setFilter(f, tr("Date range %1 – %2").arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
}

void ViewState::setGrain(TimeGrain grain)
{
    ViewFilter f = m_filter;
    f.grain = grain;
    setFilter(f, tr("Change granularity"));
}

void ViewState::drillDown(const DrillStep& step)
{
    ViewFilter f = m_filter;
    // One filter per dimension: drilling into another country replaces the country step.
    f.drill.removeIf([&](const DrillStep& s) { return s.dimension == step.dimension; });
    f.drill.append(step);
    setFilter(f, tr("Drill down to %1").arg(step.label));
}

void ViewState::clearDrill(const QString& dimension)
{
    ViewFilter f = m_filter;
    if (f.drill.removeIf([&](const DrillStep& s) { return s.dimension == dimension; }) == 0)
        return;
    setFilter(f, tr("Remove a filter"));
}

void ViewState::drillUpTo(int depth)
{
    ViewFilter f = m_filter;
    if (depth < 0 || depth >= f.drill.size())
        return;
    f.drill.resize(depth);
    setFilter(f, tr("Back"));
}

} // namespace shoppilot::ui
