#include "overview/breakdown_model.h"

#include <QCoreApplication>

#include "overview/overview_format.h"
#include "overview/report_writer.h"

namespace shoppilot::ui {

QString dimensionTitle(kpi::Dimension d)
{
    switch (d) {
    case kpi::Dimension::Category: return BreakdownModel::tr("Category");
    case kpi::Dimension::Country: return BreakdownModel::tr("Country");
    case kpi::Dimension::Channel: return BreakdownModel::tr("Channel");
    }
    return {};
}

QString dimensionId(kpi::Dimension d)
{
    switch (d) {
    case kpi::Dimension::Category: return QStringLiteral("category");
    case kpi::Dimension::Country: return QStringLiteral("country");
    case kpi::Dimension::Channel: return QStringLiteral("channel");
    }
    return {};
}

BreakdownModel::BreakdownModel(kpi::Dimension dimension, QObject* parent)
    : QAbstractTableModel(parent), m_dimension(dimension)
{
}

void BreakdownModel::setRows(std::vector<kpi::BreakdownRow> rows, const QString& currency)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_currency = currency;
    endResetModel();
}

void BreakdownModel::clear()
{
    setRows({}, m_currency);
}

QString BreakdownModel::label(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    const auto& r = m_rows[std::size_t(row)];
    const std::string& text = fmt::chineseUi() && !r.labelZh.empty() ? r.labelZh : r.labelEn;
    return text.empty() ? QString::fromStdString(r.key) : QString::fromStdString(text);
}

QString BreakdownModel::key(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    return QString::fromStdString(m_rows[std::size_t(row)].key);
}

bool BreakdownModel::isDrillable(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return false;
    const std::string& k = m_rows[std::size_t(row)].key;
    if (k == kpi::kOtherKey)
        return false;
    if (m_dimension == kpi::Dimension::Category) {
        bool ok = false;
        QString::fromStdString(k).toLongLong(&ok);
        return ok;
    }
    return true;
}

int BreakdownModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BreakdownModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BreakdownModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& r = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return label(index.row());
        case GmvColumn: return fmt::money(double(r.gmvMinor), m_currency);
        case OrdersColumn: return fmt::count(r.orders);
        case ShareColumn: return fmt::percent(r.share);
        }
        break;
    case Qt::UserRole:
        switch (index.column()) {
        case NameColumn: return QString::fromStdString(r.key);
        case GmvColumn: return qlonglong(r.gmvMinor);
        case OrdersColumn: return qlonglong(r.orders);
        case ShareColumn: return r.share;
        }
        break;
    case kExportRole:
        switch (index.column()) {
        case NameColumn: return label(index.row());
        case GmvColumn: return fmt::moneyPlain(r.gmvMinor, m_currency);
        case OrdersColumn: return QString::number(r.orders);
        case ShareColumn: return QString::number(r.share, 'f', 6);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return QVariant::fromValue<Qt::Alignment>(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && isDrillable(index.row()))
            return tr("Double-click to drill down into %1").arg(label(index.row()));
        break;
    default:
        break;
    }
    return {};
}

QVariant BreakdownModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return dimensionTitle(m_dimension);
        case GmvColumn: return m_currency.isEmpty() ? tr("GMV") : tr("GMV (%1)").arg(m_currency);
        case OrdersColumn: return tr("Orders");
        case ShareColumn: return tr("Share of GMV");
        }
    }
    if (role == Qt::TextAlignmentRole && section != NameColumn)
        return QVariant::fromValue<Qt::Alignment>(Qt::AlignRight | Qt::AlignVCenter);
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace shoppilot::ui
