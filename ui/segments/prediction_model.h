// The per-customer predictions as a table: expected purchases and spend in the horizon,
// P(alive), churn probability and the next category's top 3, or "not enough history".
#pragma once

#include <QAbstractTableModel>
#include <vector>

#include "segments/predictions.h"

namespace shoppilot::ui {

class PredictionModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Customer, PurchaseDays, Purchases, Spend, Alive, Churn, NextCategory, ColumnCount };

    explicit PredictionModel(QObject* parent = nullptr);
    void setPredictions(std::vector<segments::CustomerPrediction> rows, int horizonDays);
    void clear();
    const std::vector<segments::CustomerPrediction>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<segments::CustomerPrediction> m_rows;
    int m_horizon = 90;
};

} // namespace shoppilot::ui
