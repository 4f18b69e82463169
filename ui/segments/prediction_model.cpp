#include "segments/prediction_model.h"

#include <QLocale>
#include <QStringList>
#include <algorithm>

#include "segments/churn.h"

namespace shoppilot::ui {

PredictionModel::PredictionModel(QObject* parent) : QAbstractTableModel(parent) {}

void PredictionModel::setPredictions(std::vector<segments::CustomerPrediction> rows, int horizonDays)
{
    // Who is likely to buy first; customers without enough history last.
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        const bool okA = a.state == segments::PredictionState::Ok, okB = b.state == segments::PredictionState::Ok;
        if (okA != okB)
            return okA;
        return a.expectedSpend > b.expectedSpend;
    });
    beginResetModel();
    m_rows = std::move(rows);
    m_horizon = horizonDays;
    endResetModel();
}

void PredictionModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int PredictionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PredictionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PredictionModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const auto& p = m_rows[std::size_t(index.row())];
    const bool ok = p.state == segments::PredictionState::Ok;
    const QLocale locale;
    if (role == Qt::TextAlignmentRole)
        return index.column() == NextCategory || (index.column() == Purchases && !ok) ? QVariant()
                                                                                   : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::UserRole) { // sort and test value
        switch (index.column()) {
        case Customer: return qint64(p.customerId);
        case PurchaseDays: return p.purchaseDays;
        case Purchases: return ok ? p.expectedPurchases : -1.0;
        case Spend: return ok ? p.expectedSpend : -1.0;
        case Alive: return ok ? p.probAlive : -1.0;
        case Churn: return ok ? p.churnProbability : -1.0;
        default: return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Customer: return qint64(p.customerId);
    case PurchaseDays: return p.purchaseDays;
    case Purchases:
        if (!ok) // short in the cell (it sets the column's width), the reason in the tip
            return role == Qt::ToolTipRole
                       ? tr("not enough history (fewer than %1 purchase days)").arg(segments::kMinPurchaseDaysForPrediction)
                       : tr("too little history");
        return locale.toString(p.expectedPurchases, 'f', 2);
    case Spend: return ok ? locale.toString(p.expectedSpend, 'f', 2) : QVariant();
    case Alive: return ok ? locale.toString(p.probAlive * 100, 'f', 0) + QLatin1Char('%') : QVariant();
    case Churn: return ok ? locale.toString(p.churnProbability * 100, 'f', 0) + QLatin1Char('%') : QVariant();
    case NextCategory: {
        if (p.nextCategory.empty())
            return tr("not enough orders");
        QStringList parts;
        for (const auto& c : p.nextCategory)
            parts << tr("%1 %2%").arg(QString::fromStdString(c.name), locale.toString(c.probability * 100, 'f', 0));
        return parts.join(QStringLiteral(", "));
    }
    default: return {};
    }
}

QVariant PredictionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Customer: return tr("Customer");
    case PurchaseDays: return tr("Purchase days");
    case Purchases: return tr("Purchases in %1 days").arg(m_horizon);
    case Spend: return tr("Spend in %1 days").arg(m_horizon);
    case Alive: return tr("P(alive)");
    case Churn: return tr("Churn probability");
    case NextCategory: return tr("Next category (top 3)");
    default: return {};
    }
}

} // namespace shoppilot::ui
