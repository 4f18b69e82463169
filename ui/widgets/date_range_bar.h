// The date-range bar: presets (last 7/30/90 days, this month/quarter/year, all data) counted
// back from the DATA's last date, not today (a demo or an imported history ends in the past),
// a custom from/to, and the granularity (day/week/month) of time series.
#pragma once

#include <QDate>
#include <QWidget>
#include <utility>

class QComboBox;
class QDateEdit;
class QLabel;
class QTimer;

namespace shoppilot::ui {

class DateRangeBar : public QWidget {
    Q_OBJECT
public:
    enum class Preset { Last7Days, Last30Days, Last90Days, ThisMonth, ThisQuarter, ThisYear, AllData, Custom };
    enum class Grain { Day, Week, Month };

    explicit DateRangeBar(QWidget* parent = nullptr);

    // The dates that hold data; presets count back from `last` and are clipped to `first`.
    void setDataRange(const QDate& first, const QDate& last);
    QDate dataFirst() const { return m_first; }
    QDate dataLast() const { return m_last; }

    // Shows a range without emitting rangeRequested; picks the matching preset, else Custom.
    void setRange(const QDate& from, const QDate& to);
    QDate from() const;
    QDate to() const;
    void setGrain(Grain grain);
    Grain grain() const;
    Preset preset() const;

    // Applies a preset as if the user picked it (emits rangeRequested when the range changes).
    void choosePreset(Preset preset);
    // The inclusive [from, to] of a preset for data ending on `last` (Custom: invalid dates).
    static std::pair<QDate, QDate> presetRange(Preset preset, const QDate& first, const QDate& last);

Q_SIGNALS:
    void rangeRequested(const QDate& from, const QDate& to);
    void grainRequested(shoppilot::ui::DateRangeBar::Grain grain);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onPresetActivated(int index);
    void onDatesEdited();
    void syncPreset();

    QComboBox* m_preset;
    QDateEdit* m_fromEdit;
    QDateEdit* m_toEdit;
    QComboBox* m_grain;
    QLabel* m_fromLabel;
    QLabel* m_toLabel;
    QLabel* m_grainLabel;
    QTimer* m_editTimer;
    QDate m_first;
    QDate m_last;
    bool m_quiet = false;
};

} // namespace shoppilot::ui
