#include "pricing/price_curve_model.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <cmath>

namespace shoppilot::ui {

namespace {

QString num(double v, int decimals = 2)
{
    return std::isfinite(v) ? QLocale().toString(v, 'f', decimals) : QStringLiteral("—");
}

QString signedNum(double v, int decimals = 2)
{
    if (!std::isfinite(v))
        return QStringLiteral("—");
    return (v > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(v, 'f', decimals);
}

QString tr(const char* s)
{
    return QCoreApplication::translate("PricingModels", s);
}

QString titleOf(const pricing::ProductDemand& p)
{
    if (!p.titleZh.empty() && QLocale().language() == QLocale::Chinese)
        return QString::fromStdString(p.titleZh);
    return QString::fromStdString(p.title);
}

} // namespace

QString productTitle(const pricing::ProductDemand& p)
{
    return titleOf(p);
}

QString pricingFlagsText(std::uint32_t flags)
{
    QStringList parts;
    if (flags & pricing::kFlagNoSales)
        parts << tr("no sales");
    if (flags & pricing::kFlagNoVariation)
        parts << tr("no price variation");
    if (flags & pricing::kFlagFewPricePoints)
        parts << tr("fewer than %1 prices").arg(pricing::demandRecipe().minPricePoints);
    if (flags & pricing::kFlagFewWeeks)
        parts << tr("fewer than %1 weeks").arg(pricing::demandRecipe().minWeeks);
    if (flags & pricing::kFlagShrunk)
        parts << tr("borrows from category");
    return parts.join(QStringLiteral(", "));
}

QString bindingText(pricing::Binding b)
{
    using pricing::Binding;
    switch (b) {
    case Binding::None: return tr("no rule binds");
    case Binding::MinMargin: return tr("minimum margin");
    case Binding::MaxChange: return tr("maximum change per step");
    case Binding::Floor: return tr("price floor");
    case Binding::Ceiling: return tr("price ceiling");
    case Binding::CompetitorBand: return tr("competitor band");
    case Binding::Ladder: return tr("size/variant ladder");
    case Binding::TrustRegion: return tr("observed price range");
    case Binding::Ending: return tr("price ending");
    case Binding::NoEstimate: return tr("no elasticity estimate");
    case Binding::NoCost: return tr("no cost known");
    case Binding::NoCompetitor: return tr("no competitor price");
    }
    return {};
}

// ------------------------------------------------------------------ products

ProductListModel::ProductListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProductListModel::setProducts(std::vector<pricing::ProductDemand> products)
{
    beginResetModel();
    m_rows = std::move(products);
    endResetModel();
}

const pricing::ProductDemand* ProductListModel::product(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[std::size_t(row)] : nullptr;
}

int ProductListModel::rowOf(store::Id productId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].productId == productId)
            return int(i);
    return -1;
}

int ProductListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProductListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const auto& p = m_rows[std::size_t(index.row())];
    switch (role) {
    case ProductIdRole: return qint64(p.productId);
    case CategoryRole: return qint64(p.categoryId);
    case HasEstimateRole: return p.hasElasticity();
    case FlagsRole: return uint(p.flags);
    case Qt::TextAlignmentRole:
        return index.column() == Price || index.column() == Elasticity ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole: return titleOf(p);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Sku: return QString::fromStdString(p.sku);
        case Title: return titleOf(p);
        case Price: return num(p.price);
        case Elasticity: return p.hasElasticity() ? num(p.elasticity) : QStringLiteral("—");
        case Flags: return pricingFlagsText(p.flags);
        }
        return {};
    case Qt::EditRole: // sorting
        switch (index.column()) {
        case Sku: return QString::fromStdString(p.sku);
        case Title: return titleOf(p);
        case Price: return p.price;
        case Elasticity: return p.hasElasticity() ? p.elasticity : 1e9;
        case Flags: return uint(p.flags);
        }
        return {};
    }
    return {};
}

QVariant ProductListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Sku: return tr("SKU");
    case Title: return tr("Product");
    case Price: return tr("Price");
    case Elasticity: return tr("Elasticity");
    case Flags: return tr("Data");
    }
    return {};
}

ProductFilterProxy::ProductFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(Qt::EditRole);
}

void ProductFilterProxy::setSearch(const QString& text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

void ProductFilterProxy::setCategory(qint64 categoryId)
{
    m_category = categoryId;
    invalidateFilter();
}

void ProductFilterProxy::setShow(Show show)
{
    m_show = show;
    invalidateFilter();
}

bool ProductFilterProxy::filterAcceptsRow(int row, const QModelIndex& parent) const
{
    const auto* m = sourceModel();
    const QModelIndex i = m->index(row, 0, parent);
    if (m_category != 0 && m->data(i, ProductListModel::CategoryRole).toLongLong() != m_category)
        return false;
    const uint flags = m->data(i, ProductListModel::FlagsRole).toUInt();
    if (m_show == Show::WithEstimate && !m->data(i, ProductListModel::HasEstimateRole).toBool())
        return false;
    if (m_show == Show::Flagged && (flags & ~uint(pricing::kFlagShrunk)) == 0 && !(flags & pricing::kFlagShrunk))
        return false;
    if (!m_search.isEmpty()) {
        const QString sku = m->data(i).toString();
        const QString title = m->data(m->index(row, ProductListModel::Title, parent)).toString();
        if (!sku.contains(m_search, Qt::CaseInsensitive) && !title.contains(m_search, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

// ------------------------------------------------------------------ curves

CurveTableModel::CurveTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void CurveTableModel::setCurves(const pricing::Curves& curves)
{
    beginResetModel();
    m_curves = curves;
    endResetModel();
}

int CurveTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_curves.points.size());
}

int CurveTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CurveTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& s = m_curves.points[std::size_t(index.row())];
    if (role == Qt::EditRole || role == Qt::UserRole) {
        switch (index.column()) {
        case Price: return s.price;
        case Units: return s.units;
        case UnitsLow: return s.unitsLow;
        case UnitsHigh: return s.unitsHigh;
        case Revenue: return s.revenue;
        case Profit: return s.profit ? QVariant(*s.profit) : QVariant();
        case Margin: return s.marginPct ? QVariant(*s.marginPct) : QVariant();
        case Extrapolated: return s.extrapolated;
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Price: return num(s.price);
    case Units: return num(s.units, 1);
    case UnitsLow: return num(s.unitsLow, 1);
    case UnitsHigh: return num(s.unitsHigh, 1);
    case Revenue: return num(s.revenue);
    case Profit: return s.profit ? num(*s.profit) : QStringLiteral("—");
    case Margin: return s.marginPct ? num(*s.marginPct, 1) : QStringLiteral("—");
    case Extrapolated: return s.extrapolated ? tr("yes") : tr("no");
    }
    return {};
}

QVariant CurveTableModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Price: return tr("Price");
    case Units: return tr("Units/week");
    case UnitsLow: return tr("Units low (90%)");
    case UnitsHigh: return tr("Units high (90%)");
    case Revenue: return tr("Revenue/week");
    case Profit: return tr("Profit/week");
    case Margin: return tr("Margin %");
    case Extrapolated: return tr("Extrapolated");
    }
    return {};
}

QString CurveTableModel::toCsv() const
{
    QString out = QStringLiteral("price,units,units_low,units_high,revenue,profit,margin_pct,extrapolated\n");
    auto c = [](double v, int d) { return std::isfinite(v) ? QString::number(v, 'f', d) : QString(); };
    for (const auto& s : m_curves.points)
        out += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8\n")
                   .arg(c(s.price, 2), c(s.units, 3), c(s.unitsLow, 3), c(s.unitsHigh, 3), c(s.revenue, 2),
                        s.profit ? c(*s.profit, 2) : QString(), s.marginPct ? c(*s.marginPct, 2) : QString(),
                        s.extrapolated ? QStringLiteral("1") : QStringLiteral("0"));
    return out;
}

// ------------------------------------------------------------------ batch

BatchModel::BatchModel(QObject* parent) : QAbstractTableModel(parent) {}

void BatchModel::setRows(std::vector<BatchRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void BatchModel::setAllAccepted(bool accepted)
{
    for (auto& r : m_rows)
        r.accepted = accepted && std::abs(r.rec.price - r.rec.current) > 0.004;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, Accept), index(int(m_rows.size()) - 1, Accept), {Qt::CheckStateRole});
}

int BatchModel::changingRows() const
{
    int n = 0;
    for (const auto& r : m_rows)
        n += std::abs(r.rec.price - r.rec.current) > 0.004;
    return n;
}

double BatchModel::totalProfitDelta(bool acceptedOnly) const
{
    double s = 0;
    for (const auto& r : m_rows)
        if (!acceptedOnly || r.accepted)
            s += r.rec.profitDelta().value_or(0);
    return s;
}

double BatchModel::totalRevenueDelta(bool acceptedOnly) const
{
    double s = 0;
    for (const auto& r : m_rows)
        if (!acceptedOnly || r.accepted)
            s += r.rec.revenueDelta();
    return s;
}

int BatchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BatchModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& r = m_rows[std::size_t(index.row())];
    const double changePct = r.rec.current > 0 ? 100.0 * (r.rec.price / r.rec.current - 1) : 0;
    if (role == Qt::CheckStateRole && index.column() == Accept)
        return r.accepted ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::TextAlignmentRole && index.column() >= Current && index.column() <= ProfitDelta)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::EditRole) {
        switch (index.column()) {
        case Sku: return r.sku;
        case Title: return r.title;
        case Current: return r.rec.current;
        case Recommended: return r.rec.price;
        case ChangePct: return changePct;
        case UnitsDelta: return r.rec.unitsDelta();
        case RevenueDelta: return r.rec.revenueDelta();
        case ProfitDelta: return r.rec.profitDelta().value_or(0);
        case Binding: return bindingText(r.rec.binding);
        }
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Binding) {
        QStringList c;
        for (auto b : r.rec.conflicts)
            c << bindingText(b);
        return c.isEmpty() ? QVariant() : QVariant(tr("Rules that gave way: %1").arg(c.join(QStringLiteral(", "))));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Sku: return r.sku;
    case Title: return r.title;
    case Current: return num(r.rec.current);
    case Recommended: return num(r.rec.price);
    case ChangePct: return signedNum(changePct, 1) + QStringLiteral("%");
    case UnitsDelta: return signedNum(r.rec.unitsDelta(), 1);
    case RevenueDelta: return signedNum(r.rec.revenueDelta());
    case ProfitDelta: return r.rec.profitDelta() ? signedNum(*r.rec.profitDelta()) : QStringLiteral("—");
    case Binding: return bindingText(r.rec.binding) + (r.rec.conflicts.empty() ? QString() : QStringLiteral(" ⚠"));
    }
    return {};
}

bool BatchModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != Accept || role != Qt::CheckStateRole)
        return false;
    m_rows[std::size_t(index.row())].accepted = value.toInt() == Qt::Checked;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    return true;
}

Qt::ItemFlags BatchModel::flags(const QModelIndex& index) const
{
    auto f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Accept)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant BatchModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Accept: return tr("Accept");
    case Sku: return tr("SKU");
    case Title: return tr("Product");
    case Current: return tr("Current");
    case Recommended: return tr("Recommended");
    case ChangePct: return tr("Change");
    case UnitsDelta: return tr("Δ units/week");
    case RevenueDelta: return tr("Δ revenue/week");
    case ProfitDelta: return tr("Δ profit/week");
    case Binding: return tr("Binding rule");
    }
    return {};
}

// ------------------------------------------------------------------ pending changes

ChangesModel::ChangesModel(QObject* parent) : QAbstractTableModel(parent) {}

void ChangesModel::setChanges(std::vector<pricing::PriceChange> changes)
{
    beginResetModel();
    m_rows = std::move(changes);
    endResetModel();
}

const pricing::PriceChange* ChangesModel::change(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[std::size_t(row)] : nullptr;
}

int ChangesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChangesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangesModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || role != Qt::DisplayRole)
        return {};
    const auto& c = m_rows[std::size_t(index.row())];
    switch (index.column()) {
    case Sku: return QString::fromStdString(c.sku);
    case Title: return QString::fromStdString(c.title);
    case Old: return num(c.oldPrice);
    case New: return num(c.newPrice);
    case Status: {
        if (c.status == "pending")
            return tr("pending");
        if (c.status == "pushed")
            return tr("pushed");
        if (c.status == "exported")
            return tr("exported");
        if (c.status == "undone")
            return tr("undone");
        return tr("failed: %1").arg(QString::fromStdString(c.statusDetail));
    }
    case Created: return QLocale().toString(QDateTime::fromSecsSinceEpoch(c.createdAt).toLocalTime(), QLocale::ShortFormat);
    }
    return {};
}

QVariant ChangesModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Sku: return tr("SKU");
    case Title: return tr("Product");
    case Old: return tr("Old price");
    case New: return tr("New price");
    case Status: return tr("Status");
    case Created: return tr("Accepted");
    }
    return {};
}

// ------------------------------------------------------------------ scenarios

ScenarioCompareModel::ScenarioCompareModel(QObject* parent) : QAbstractTableModel(parent) {}

void ScenarioCompareModel::setResults(std::vector<ScenarioResult> results)
{
    beginResetModel();
    m_results = std::move(results);
    endResetModel();
}

int ScenarioCompareModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : RowCount;
}

int ScenarioCompareModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

QVariant ScenarioCompareModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.column() >= columnCount() || role != Qt::DisplayRole)
        return {};
    const auto& r = m_results[std::size_t(index.column())];
    switch (index.row()) {
    case Strategy: return r.strategy;
    case Price: return num(r.price);
    case Units: return num(r.sim.units, 1);
    case Revenue: return num(r.sim.revenue);
    case Profit: return r.sim.profit ? num(*r.sim.profit) : QStringLiteral("—");
    case Margin: return r.sim.marginPct ? num(*r.sim.marginPct, 1) + QStringLiteral("%") : QStringLiteral("—");
    case Binding: return r.binding;
    }
    return {};
}

QVariant ScenarioCompareModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (o == Qt::Horizontal)
        return section < int(m_results.size()) ? m_results[std::size_t(section)].name : QVariant();
    switch (section) {
    case Strategy: return tr("Strategy");
    case Price: return tr("Price");
    case Units: return tr("Units/week");
    case Revenue: return tr("Revenue/week");
    case Profit: return tr("Profit/week");
    case Margin: return tr("Margin");
    case Binding: return tr("Binding rule");
    }
    return {};
}

} // namespace shoppilot::ui
