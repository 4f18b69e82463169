#include "shell/stall_bench.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <optional>
#include <random>
#include <thread>
#include <vector>

#include "common/thread_priority.h"
#include "shell/gui_thread_check.h"
#include "shell/job_runner.h"
#include "shell/panel_registry.h"
#include "shell/store_bridge.h"
#include "shell/store_service.h"
#include "shell/view_state.h"

namespace shoppilot::ui {

namespace {

// Buttons a user presses over and over without a dialog opening (accept a price, optimise a
// category, add to the cart in a live session): named in the panels by objectName.
const QStringList kSafeButtons{QStringLiteral("acceptPrice"), QStringLiteral("optimiseButton"),
                               QStringLiteral("recsAddToCart")};

struct Target {
    QString panel;
    QString what;
    std::function<void()> act;
};

// Every action the scripted user may take in `panel`: pick a row in each view, type in each
// search box, move each slider, press each safe button.
std::vector<Target> actionsIn(const QString& id, QWidget* panel, std::mt19937& rng)
{
    std::vector<Target> out;
    int unnamed = 0;
    for (auto* view : panel->findChildren<QAbstractItemView*>()) {
        const QString name = !view->objectName().isEmpty()
                                 ? view->objectName()
                                 : QStringLiteral("%1 #%2").arg(QLatin1String(view->metaObject()->className())).arg(++unnamed);
        out.push_back({id, QStringLiteral("select a row in ") + name, [view, &rng] {
                           auto* model = view->model();
                           if (!model || !view->isVisible() || model->rowCount() == 0)
                               return;
                           const int row = int(rng() % unsigned(std::min(model->rowCount(), 50)));
                           const QModelIndex index = model->index(row, 0);
                           view->setCurrentIndex(index);
                           if (view->selectionModel())
                               view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect
                                                                         | QItemSelectionModel::Rows);
                       }});
    }
    for (auto* edit : panel->findChildren<QLineEdit*>()) {
        if (!edit->objectName().contains(QLatin1String("search"), Qt::CaseInsensitive))
            continue;
        out.push_back({id, QStringLiteral("type in ") + edit->objectName(), [edit, &rng] {
                           static const char* words[] = {"a", "1", "lip", "12", "mask", "e", "3"};
                           edit->setText(QString::fromLatin1(words[rng() % 7]));
                           Q_EMIT edit->returnPressed();
                       }});
    }
    for (auto* slider : panel->findChildren<QSlider*>())
        out.push_back({id, QStringLiteral("move ") + slider->objectName(), [slider, &rng] {
                           if (slider->isEnabled())
                               slider->setValue(slider->minimum()
                                                + int(rng() % unsigned(slider->maximum() - slider->minimum() + 1)));
                       }});
    for (auto* button : panel->findChildren<QPushButton*>())
        if (kSafeButtons.contains(button->objectName()))
            out.push_back({id, QStringLiteral("press ") + button->objectName(), [button] {
                               if (button->isEnabled() && button->isVisible())
                                   button->click();
                           }});
    return out;
}

} // namespace

UiStallResult runUiStallBench(const UiStallOptions& options)
{
    const int violationsBefore = guiThreadStoreViolations();
    installGuiThreadStoreCheck(options.inlineStore ? GuiThreadCheck::Off : GuiThreadCheck::Warn);
    qputenv("SHOPPILOT_NO_DIALOGS", "1");
    UiStallResult result;
    ViewState view;
    JobRunner jobs;
    view.store().setInline(options.inlineStore);
    QTabWidget window;
    window.resize(1400, 900);
    QStringList ids;
    for (const PanelInfo& p : panels())
        if (options.panelIds.contains(p.id)) {
            window.addTab(p.create(PanelContext{&view, &jobs}, &window), p.translatedTitle());
            ids << p.id;
        }
    window.show();
    view.setStorePath(options.storePath);
    // The panels hear about the sync's writes as they do in the app (the main window's wiring).
    StoreBridge bridge;
    bridge.follow(options.storePath);
    QObject::connect(&bridge, &StoreBridge::tableChanged, &view, &ViewState::notifyDataChanged);
    // The panels' first loads (models, queues) finish before the clock starts.
    QElapsedTimer settle;
    settle.start();
    int idle = 0;
    while (settle.elapsed() < 120000 && idle < 20) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        idle = (jobs.busy() || view.store().pending() > 0) ? 0 : idle + 1;
        QThread::msleep(10);
    }

    if (qEnvironmentVariableIsSet("SHOPPILOT_STALL_TRACE"))
        for (int i = 0; i < window.count(); ++i) {
            window.setCurrentIndex(i);
            QCoreApplication::processEvents();
            QElapsedTimer paint;
            paint.start();
            for (int k = 0; k < 3; ++k)
                (void)window.widget(i)->grab();
            qWarning("painting panel %s whole takes %.1f ms", qPrintable(ids.value(i)), double(paint.nsecsElapsed()) / 3e6);
        }

    std::mt19937 rng(options.seed);
    std::vector<Target> actions;
    for (int i = 0; i < window.count(); ++i)
        for (auto& t : actionsIn(ids.value(i), window.widget(i), rng))
            actions.push_back(std::move(t));

    std::atomic<bool> stop{false};
    std::thread background;
    if (options.background)
        background = std::thread([&] {
            useBackgroundPriority(); // as the app's sync job does
            options.background(stop);
        });

    const bool trace = qEnvironmentVariableIsSet("SHOPPILOT_STALL_TRACE");
    std::vector<double> lateness;
    QString lastAction, worst;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const double late = std::max(0.0, double(now - last) / 1e6 - 10.0);
        last = now;
        lateness.push_back(late);
        if (late > 50 && trace)
            qWarning("stall %.1f ms after %s", late, qPrintable(lastAction));
        if (late >= result.maxMs) {
            result.maxMs = late;
            worst = lastAction;
        }
    });
    QTimer user;
    user.setInterval(options.actionIntervalMs);
    // A user switches to a panel (one input event), then acts in it (the next one): the switch
    // and the action are separate steps of the script, as they are separate events for the app.
    std::optional<std::size_t> next;
    QObject::connect(&user, &QTimer::timeout, [&] {
        if (actions.empty())
            return;
        const std::size_t which = next ? *next : rng() % actions.size();
        next.reset();
        const Target& t = actions[which];
        const int tab = int(ids.indexOf(t.panel));
        if (tab >= 0 && window.currentIndex() != tab) {
            lastAction = QStringLiteral("switch to the %1 tab").arg(t.panel);
            window.setCurrentIndex(tab);
            next = which;
            ++result.tabSwitches;
            return;
        }
        lastAction = t.panel + QStringLiteral(": ") + t.what;
        QElapsedTimer acting;
        acting.start();
        t.act();
        if (trace && acting.elapsed() > 20)
            qWarning("action %s took %lld ms in its own slot", qPrintable(lastAction), acting.elapsed());
        ++result.actions;
    });
    QEventLoop loop;
    QTimer::singleShot(int(options.seconds * 1000), &loop, &QEventLoop::quit);
    tick.start();
    user.start();
    loop.exec();
    tick.stop();
    user.stop();
    stop = true;
    if (background.joinable())
        background.join();
    jobs.cancelAll();
    view.store().waitForDone();
    QCoreApplication::processEvents();

    result.ticks = int(lateness.size());
    std::sort(lateness.begin(), lateness.end());
    auto q = [&](double f) {
        return lateness.empty() ? 0.0 : lateness[std::min(lateness.size() - 1, std::size_t(f * double(lateness.size() - 1) + 0.5))];
    };
    result.p50Ms = q(0.5);
    result.p99Ms = q(0.99);
    result.worstAction = worst;
    result.guiThreadStoreAccesses = guiThreadStoreViolations() - violationsBefore;
    installGuiThreadStoreCheck(GuiThreadCheck::Off);
    return result;
}

} // namespace shoppilot::ui
