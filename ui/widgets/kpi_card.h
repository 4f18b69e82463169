// A KPI card: a title, the figure, and its change against the previous period
// ("+4.2% vs previous period", green when it moved the good way) with the previous value in
// the tooltip. The caller formats the figures; the card only lays them out.
#pragma once

#include <QFrame>
#include <QString>
#include <optional>

class QLabel;

namespace shoppilot::ui {

class KpiCard : public QFrame {
    Q_OBJECT
public:
    enum class Better { Higher, Lower };

    explicit KpiCard(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setBetter(Better better) { m_better = better; }
    // relative: (current - previous) / previous, nullopt when it cannot be computed.
    void setValue(const QString& value, std::optional<double> relative, const QString& previous);
    // After setValue: the comparison is not meaningful yet (e.g. refunds of recent orders still to
    // come). `text` replaces the delta line, neutral, without a trend; `why` is its tooltip.
    void setCaveat(const QString& text, const QString& why);
    QString caveat() const { return m_caveat; }
    // No figure for this period (e.g. conversion without traffic data); `why` is the tooltip.
    void setNoData(const QString& why);
    void clear();

    QString title() const;
    QString valueText() const;
    QString deltaText() const;
    // +1 improved, -1 worsened, 0 unchanged or unknown.
    int trend() const { return m_trend; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateDelta();

    QLabel* m_title;
    QLabel* m_value;
    QLabel* m_delta;
    Better m_better = Better::Higher;
    std::optional<double> m_relative;
    QString m_previous;
    QString m_caveat, m_caveatWhy;
    bool m_hasValue = false;
    int m_trend = 0;
};

} // namespace shoppilot::ui
