// Item models over core/pricing's value types: the product picker, the demand/revenue/profit curve
// table (what the charts and the CSV export show), the category batch with per-row acceptance,
// the pending price changes and the side-by-side scenario comparison. They own no logic beyond
// formatting: every figure comes from core.
#pragma once

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <vector>

#include "pricing/demand_model.h"
#include "pricing/optimizer.h"
#include "pricing/price_book.h"

namespace shoppilot::ui {

// Human text of the data-sufficiency flags ("no price variation", ...), translated.
QString pricingFlagsText(std::uint32_t flags);
QString bindingText(pricing::Binding b);
// The product's title in the UI language (Chinese when the store has one).
QString productTitle(const pricing::ProductDemand& p);

class ProductListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Sku, Title, Price, Elasticity, Flags, ColumnCount };
    enum Role { ProductIdRole = Qt::UserRole + 1, CategoryRole, HasEstimateRole, FlagsRole };
    explicit ProductListModel(QObject* parent = nullptr);
    void setProducts(std::vector<pricing::ProductDemand> products);
    const pricing::ProductDemand* product(int row) const;
    int rowOf(store::Id productId) const;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<pricing::ProductDemand> m_rows;
};

// Search text over sku/title, a category, and "with an estimate" / "flagged" filters.
class ProductFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Show { All, WithEstimate, Flagged };
    explicit ProductFilterProxy(QObject* parent = nullptr);
    void setSearch(const QString& text);
    void setCategory(qint64 categoryId); // 0 = all
    void setShow(Show show);

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    QString m_search;
    qint64 m_category = 0;
    Show m_show = Show::All;
};

class CurveTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Price, Units, UnitsLow, UnitsHigh, Revenue, Profit, Margin, Extrapolated, ColumnCount };
    explicit CurveTableModel(QObject* parent = nullptr);
    void setCurves(const pricing::Curves& curves);
    const pricing::Curves& curves() const { return m_curves; }
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    // The table as CSV (header + rows, '.' decimals), for "Export CSV".
    QString toCsv() const;

private:
    pricing::Curves m_curves;
};

struct BatchRow {
    store::Id productId = 0;
    QString sku, title;
    pricing::Recommendation rec;
    bool accepted = false;
};

class BatchModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Accept, Sku, Title, Current, Recommended, ChangePct, UnitsDelta, RevenueDelta, ProfitDelta, Binding, ColumnCount };
    explicit BatchModel(QObject* parent = nullptr);
    void setRows(std::vector<BatchRow> rows);
    const std::vector<BatchRow>& rows() const { return m_rows; }
    void setAllAccepted(bool accepted);
    // Rows whose price changes (recommended != current).
    int changingRows() const;
    double totalProfitDelta(bool acceptedOnly) const;
    double totalRevenueDelta(bool acceptedOnly) const;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<BatchRow> m_rows;
};

class ChangesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Sku, Title, Old, New, Status, Created, ColumnCount };
    explicit ChangesModel(QObject* parent = nullptr);
    void setChanges(std::vector<pricing::PriceChange> changes);
    const pricing::PriceChange* change(int row) const;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<pricing::PriceChange> m_rows;
};

// Scenarios side by side: one column per scenario, one row per figure.
struct ScenarioResult {
    QString name;
    QString strategy;
    double price = 0;
    pricing::Simulation sim;
    QString binding;
};

class ScenarioCompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Row { Strategy, Price, Units, Revenue, Profit, Margin, Binding, RowCount };
    explicit ScenarioCompareModel(QObject* parent = nullptr);
    void setResults(std::vector<ScenarioResult> results);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<ScenarioResult> m_results;
};

} // namespace shoppilot::ui
