// Table models over the recommendation service's value types: customers found by a search, a
// customer's recent timeline, a recommendation list (title, price, stock, score, reason) and the
// model comparison (validation figure the choice used, test figures, per trained model). Qt::UserRole holds the row's id.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <vector>

#include "recs/recs_service.h"

namespace shoppilot::ui {

// "12.50 EUR" from minor units (plain, so the price reads the same in every panel language).
QString recsMoney(std::int64_t minor, const std::string& currency);
// The product's title in the UI language (Chinese title when the UI is Chinese and one exists).
QString recsTitle(const recs::ProductInfo& p);

class CustomerListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, NameColumn, CountryColumn, EventsColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<recs::CustomerInfo> rows);
    const std::vector<recs::CustomerInfo>& rows() const { return m_rows; }
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<recs::CustomerInfo> m_rows;
};

class TimelineModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, TypeColumn, ProductColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<recs::TimelineEntry> rows);
    const std::vector<recs::TimelineEntry>& rows() const { return m_rows; }
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<recs::TimelineEntry> m_rows;
};

class RecommendationModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TitleColumn, PriceColumn, StockColumn, ScoreColumn, ReasonColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<recs::Recommendation> rows);
    const std::vector<recs::Recommendation>& rows() const { return m_rows; }
    static QString reasonText(const recs::Recommendation& r);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<recs::Recommendation> m_rows;
};

class ModelComparisonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ModelColumn, VersionColumn, ValidationNdcg10Column, Hr10Column, Ndcg10Column, MrrColumn,
                  Sampled99Hr10Column, TrainSecondsColumn, TrainedColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    // Only the active version of each model is listed; the served one (servedModelMetrics) is
    // marked and bold.
    void setRows(std::vector<recs::StoreModelMetrics> rows);
    const std::vector<recs::StoreModelMetrics>& rows() const { return m_rows; }
    int servedRow() const { return m_served; } // -1 when no model is served
    static QString modelTitle(const std::string& model);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<recs::StoreModelMetrics> m_rows;
    int m_served = -1;
};

} // namespace shoppilot::ui
