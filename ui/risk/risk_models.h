// Item models of the Risk panel over core's value types: the review queue, the audit trail,
// the orders linked to the selected one, and rule backtest results.
#pragma once

#include <QAbstractTableModel>
#include <QSet>
#include <vector>

#include "risk/risk_service.h"

namespace shoppilot::ui {

class AlertModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Score, Level, Order, Placed, Amount, Rule, Reason, Status, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<risk::AlertRow> rows);
    const risk::AlertRow& alert(int row) const { return m_rows[std::size_t(row)]; }
    const std::vector<risk::AlertRow>& rows() const { return m_rows; }
    // Takes decided alerts out of the open queue at once (the write runs in the background).
    void removeAlerts(const QSet<qint64>& ids);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<risk::AlertRow> m_rows;
};

class AuditModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Analyst, Action, Entity, Details, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<risk::AuditRow> rows);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<risk::AuditRow> m_rows;
};

class LinkedOrderModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Link, Order, Placed, Customer, Amount, Outcome, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<risk::LinkedOrder> rows, const QString& currency);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<risk::LinkedOrder> m_rows;
    QString m_currency;
};

struct BacktestRow {
    QString ruleId;
    QString name;
    QString action;
    risk::BacktestResult result;
};

class BacktestModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Rule, Action, Hits, Fraud, Precision, PerDay, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(QVector<BacktestRow> rows);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    QVector<BacktestRow> m_rows;
};

} // namespace shoppilot::ui
