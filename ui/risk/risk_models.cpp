#include "risk/risk_models.h"

#include <QColor>
#include <QLocale>

#include "risk/risk_format.h"

namespace shoppilot::ui {

namespace {
QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}
} // namespace

// ------------------------------------------------------------------------------ alerts

void AlertModel::setRows(std::vector<risk::AlertRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void AlertModel::removeAlerts(const QSet<qint64>& ids)
{
    for (int r = int(m_rows.size()) - 1; r >= 0; --r)
        if (ids.contains(m_rows[std::size_t(r)].id)) {
            beginRemoveRows({}, r, r);
            m_rows.erase(m_rows.begin() + r);
            endRemoveRows();
        }
}

int AlertModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AlertModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const auto& a = m_rows[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Score: return riskfmt::score(a.score);
        case Level: return riskfmt::levelText(qs(a.level));
        case Order: return qs(a.orderRef);
        case Placed: return riskfmt::dateTime(a.orderTs);
        case Amount: return riskfmt::money(a.amountMinor, qs(a.currency));
        case Rule: return a.ruleId.empty() ? tr("model") : qs(a.ruleId);
        case Reason: return a.reasons.empty() ? QString() : riskfmt::reasonText(a.reasons.front());
        case Status: return riskfmt::statusText(qs(a.status));
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Score || index.column() == Amount))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Level && a.level == "high")
        return QColor(190, 30, 30);
    if (role == Qt::UserRole)
        return qint64(a.id);
    return {};
}

QVariant AlertModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Score: return tr("Score");
    case Level: return tr("Level");
    case Order: return tr("Order");
    case Placed: return tr("Placed");
    case Amount: return tr("Amount");
    case Rule: return tr("Rule");
    case Reason: return tr("Top reason");
    case Status: return tr("Status");
    default: return {};
    }
}

// ------------------------------------------------------------------------------ audit

void AuditModel::setRows(std::vector<risk::AuditRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int AuditModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || role != Qt::DisplayRole || index.row() >= int(m_rows.size()))
        return {};
    const auto& a = m_rows[std::size_t(index.row())];
    switch (index.column()) {
    case Time: return riskfmt::dateTime(a.ts);
    case Analyst: return qs(a.actor);
    case Action: return qs(a.action);
    case Entity: return qs(a.entity + " " + a.entityId);
    case Details: return qs(a.details);
    default: return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Analyst: return tr("Analyst");
    case Action: return tr("Action");
    case Entity: return tr("Record");
    case Details: return tr("Details");
    default: return {};
    }
}

// ------------------------------------------------------------------------------ linked orders

void LinkedOrderModel::setRows(std::vector<risk::LinkedOrder> rows, const QString& currency)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_currency = currency;
    endResetModel();
}

int LinkedOrderModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LinkedOrderModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LinkedOrderModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const auto& l = m_rows[std::size_t(index.row())];
    if (role == Qt::ForegroundRole && (l.chargeback || l.decision == "reject"))
        return QColor(190, 30, 30);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Link:
        if (l.link == "device") return tr("same device");
        if (l.link == "ip") return tr("same IP");
        if (l.link == "card") return tr("same card");
        return tr("same address");
    case Order: return l.orderRef.empty() ? QStringLiteral("#%1").arg(l.orderId) : qs(l.orderRef);
    case Placed: return riskfmt::dateTime(l.ts);
    case Customer: return l.customerId >= 0 ? QString::number(l.customerId) : QString();
    case Amount: return riskfmt::money(l.amountMinor, m_currency);
    case Outcome:
        if (l.chargeback) return tr("chargeback");
        if (l.decision == "reject") return tr("rejected");
        if (l.decision == "approve") return tr("approved");
        if (l.decision == "escalate") return tr("escalated");
        return QString();
    default: return {};
    }
}

QVariant LinkedOrderModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Link: return tr("Link");
    case Order: return tr("Order");
    case Placed: return tr("Placed");
    case Customer: return tr("Customer");
    case Amount: return tr("Amount");
    case Outcome: return tr("Outcome");
    default: return {};
    }
}

// ------------------------------------------------------------------------------ backtests

void BacktestModel::setRows(QVector<BacktestRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int BacktestModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BacktestModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BacktestModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || role != Qt::DisplayRole || index.row() >= m_rows.size())
        return {};
    const auto& r = m_rows[index.row()];
    const QLocale l;
    switch (index.column()) {
    case Rule: return r.name;
    case Action: return r.action;
    case Hits: return l.toString(qlonglong(r.result.hits));
    case Fraud: return l.toString(qlonglong(r.result.hitsFraud));
    case Precision: return r.result.hits ? l.toString(100.0 * double(r.result.hitsFraud) / double(r.result.hits), 'f', 1) + QLatin1Char('%') : QStringLiteral("–");
    case PerDay: return r.result.days > 0 ? l.toString(double(r.result.hits) / r.result.days, 'f', 1) : QStringLiteral("–");
    default: return {};
    }
}

QVariant BacktestModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rule: return tr("Rule");
    case Action: return tr("Action");
    case Hits: return tr("Hits");
    case Fraud: return tr("Of which fraud");
    case Precision: return tr("Precision");
    case PerDay: return tr("Hits per day");
    default: return {};
    }
}

} // namespace shoppilot::ui
