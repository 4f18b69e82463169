#include "overview/series_model.h"

#include "overview/overview_format.h"
#include "overview/report_writer.h"

namespace shoppilot::ui {

SeriesModel::SeriesModel(QObject* parent) : QAbstractTableModel(parent) {}

void SeriesModel::setSeries(std::vector<kpi::SeriesPoint> points, kpi::Granularity grain, const QString& currency)
{
    beginResetModel();
    m_points = std::move(points);
    m_grain = grain;
    m_currency = currency;
    endResetModel();
}

void SeriesModel::clear()
{
    setSeries({}, m_grain, m_currency);
}

QDate SeriesModel::bucketDate(int row) const
{
    if (row < 0 || row >= int(m_points.size()))
        return {};
    return fmt::utcDate(m_points[std::size_t(row)].bucketStart);
}

bool SeriesModel::hasTraffic() const
{
    for (const auto& p : m_points)
        if (p.sessions > 0)
            return true;
    return false;
}

int SeriesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_points.size());
}

int SeriesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SeriesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& p = m_points[std::size_t(index.row())];
    const bool traffic = p.sessions > 0;
    const double conversion = traffic ? double(p.purchaseSessions) / double(p.sessions) : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PeriodColumn: return fmt::bucketLabel(bucketDate(index.row()), m_grain);
        case GmvColumn: return fmt::money(double(p.gmvMinor), m_currency);
        case OrdersColumn: return fmt::count(p.orders);
        case SessionsColumn: return fmt::count(p.sessions);
        case ConversionColumn: return traffic ? fmt::percent(conversion) : QStringLiteral("—");
        }
        break;
    case Qt::UserRole:
        switch (index.column()) {
        case PeriodColumn: return bucketDate(index.row());
        case GmvColumn: return qlonglong(p.gmvMinor);
        case OrdersColumn: return qlonglong(p.orders);
        case SessionsColumn: return qlonglong(p.sessions);
        case ConversionColumn: return traffic ? QVariant(conversion) : QVariant();
        }
        break;
    case kExportRole:
        switch (index.column()) {
        case PeriodColumn: return bucketDate(index.row()).toString(Qt::ISODate);
        case GmvColumn: return fmt::moneyPlain(p.gmvMinor, m_currency);
        case OrdersColumn: return QString::number(p.orders);
        case SessionsColumn: return QString::number(p.sessions);
        case ConversionColumn: return traffic ? QString::number(conversion, 'f', 6) : QString();
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != PeriodColumn)
            return QVariant::fromValue<Qt::Alignment>(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant SeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case PeriodColumn: return tr("Period");
        case GmvColumn: return m_currency.isEmpty() ? tr("GMV") : tr("GMV (%1)").arg(m_currency);
        case OrdersColumn: return tr("Orders");
        case SessionsColumn: return tr("Sessions");
        case ConversionColumn: return tr("Conversion rate");
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace shoppilot::ui
