#include "widgets/date_range_bar.h"

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QTimer>
#include <algorithm>

namespace shoppilot::ui {

namespace {
constexpr int kPresetCount = int(DateRangeBar::Preset::Custom) + 1;
} // namespace

DateRangeBar::DateRangeBar(QWidget* parent) : QWidget(parent)
{
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("rangePreset"));
    for (int i = 0; i < kPresetCount; ++i)
        m_preset->addItem(QString(), i);
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_fromLabel = new QLabel;
    m_toLabel = new QLabel;
    m_grainLabel = new QLabel;
    auto makeEdit = [](const char* name) {
        auto* e = new QDateEdit;
        e->setObjectName(QLatin1String(name));
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        return e;
    };
    m_fromEdit = makeEdit("rangeFrom");
    m_toEdit = makeEdit("rangeTo");
    m_grain = new QComboBox;
    m_grain->setObjectName(QStringLiteral("rangeGrain"));
    for (int i = 0; i < 3; ++i)
        m_grain->addItem(QString(), i);
    m_grain->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    // Typing a date fires dateChanged per keystroke: wait for a pause before asking for data.
    m_editTimer = new QTimer(this);
    m_editTimer->setSingleShot(true);
    m_editTimer->setInterval(400);
    connect(m_editTimer, &QTimer::timeout, this, &DateRangeBar::onDatesEdited);

    connect(m_preset, &QComboBox::activated, this, &DateRangeBar::onPresetActivated);
    for (QDateEdit* e : {m_fromEdit, m_toEdit}) {
        connect(e, &QDateEdit::dateChanged, this, [this] {
            if (!m_quiet)
                m_editTimer->start();
        });
        connect(e, &QDateEdit::editingFinished, this, [this] {
            if (m_editTimer->isActive()) {
                m_editTimer->stop();
                onDatesEdited();
            }
        });
    }
    connect(m_grain, &QComboBox::activated, this, [this](int index) { Q_EMIT grainRequested(Grain(index)); });

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addSpacing(8);
    layout->addWidget(m_fromLabel);
    layout->addWidget(m_fromEdit);
    layout->addWidget(m_toLabel);
    layout->addWidget(m_toEdit);
    layout->addSpacing(8);
    layout->addWidget(m_grainLabel);
    layout->addWidget(m_grain);
    layout->addStretch();
    retranslate();
    setEnabled(false);
}

void DateRangeBar::retranslate()
{
    const char* const presets[kPresetCount] = {
        QT_TR_NOOP("Last 7 days"), QT_TR_NOOP("Last 30 days"), QT_TR_NOOP("Last 90 days"),
        QT_TR_NOOP("This month"),  QT_TR_NOOP("This quarter"), QT_TR_NOOP("This year"),
        QT_TR_NOOP("All data"),    QT_TR_NOOP("Custom"),
    };
    for (int i = 0; i < kPresetCount; ++i)
        m_preset->setItemText(i, tr(presets[i]));
    m_preset->setToolTip(tr("Periods count back from the last day with data"));
    const char* const grains[3] = {QT_TR_NOOP("Day"), QT_TR_NOOP("Week"), QT_TR_NOOP("Month")};
    for (int i = 0; i < 3; ++i)
        m_grain->setItemText(i, tr(grains[i]));
    m_fromLabel->setText(tr("From"));
    m_toLabel->setText(tr("to"));
    m_grainLabel->setText(tr("Granularity"));
}

void DateRangeBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

std::pair<QDate, QDate> DateRangeBar::presetRange(Preset preset, const QDate& first, const QDate& last)
{
    if (!last.isValid())
        return {};
    QDate from;
    switch (preset) {
    case Preset::Last7Days: from = last.addDays(-6); break;
    case Preset::Last30Days: from = last.addDays(-29); break;
    case Preset::Last90Days: from = last.addDays(-89); break;
    case Preset::ThisMonth: from = QDate(last.year(), last.month(), 1); break;
    case Preset::ThisQuarter: from = QDate(last.year(), (last.month() - 1) / 3 * 3 + 1, 1); break;
    case Preset::ThisYear: from = QDate(last.year(), 1, 1); break;
    case Preset::AllData: from = first.isValid() ? first : last; break;
    case Preset::Custom: return {};
    }
    if (first.isValid() && from < first)
        from = first;
    return {from, last};
}

void DateRangeBar::setDataRange(const QDate& first, const QDate& last)
{
    m_first = first;
    m_last = last;
    const QSignalBlocker b1(m_fromEdit), b2(m_toEdit);
    // Leave room around the data: a custom range may start before the first order.
    if (first.isValid() && last.isValid()) {
        for (QDateEdit* e : {m_fromEdit, m_toEdit})
            e->setDateRange(first.addYears(-5), last.addYears(1));
    }
    setEnabled(last.isValid());
    syncPreset();
}

void DateRangeBar::setRange(const QDate& from, const QDate& to)
{
    m_quiet = true;
    m_fromEdit->setDate(from);
    m_toEdit->setDate(to);
    m_quiet = false;
    m_editTimer->stop();
    syncPreset();
}

QDate DateRangeBar::from() const { return m_fromEdit->date(); }
QDate DateRangeBar::to() const { return m_toEdit->date(); }

void DateRangeBar::setGrain(Grain grain)
{
    m_grain->setCurrentIndex(int(grain));
}

DateRangeBar::Grain DateRangeBar::grain() const
{
    return Grain(std::max(0, m_grain->currentIndex()));
}

DateRangeBar::Preset DateRangeBar::preset() const
{
    return Preset(std::max(0, m_preset->currentIndex()));
}

void DateRangeBar::syncPreset()
{
    int match = int(Preset::Custom);
    for (int i = 0; i < int(Preset::Custom); ++i) {
        const auto [f, t] = presetRange(Preset(i), m_first, m_last);
        if (f.isValid() && f == from() && t == to()) {
            match = i;
            break;
        }
    }
    m_preset->setCurrentIndex(match);
}

void DateRangeBar::choosePreset(Preset preset)
{
    m_preset->setCurrentIndex(int(preset));
    onPresetActivated(int(preset));
}

void DateRangeBar::onPresetActivated(int index)
{
    const auto [f, t] = presetRange(Preset(index), m_first, m_last);
    if (!f.isValid()) {
        m_fromEdit->setFocus(); // Custom: the user edits the dates
        return;
    }
    setRange(f, t);
    m_preset->setCurrentIndex(index); // "All data" and "This year" may coincide: keep the pick
    Q_EMIT rangeRequested(f, t);
}

void DateRangeBar::onDatesEdited()
{
    QDate f = from();
    QDate t = to();
    if (f > t) {
        std::swap(f, t);
        setRange(f, t);
    }
    syncPreset();
    Q_EMIT rangeRequested(f, t);
}

} // namespace shoppilot::ui
