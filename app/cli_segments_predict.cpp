// `shoppilot eval clv`: the Segments panel's purchase predictions on any transaction log (one row
// per purchase, plain or gzip CSV): the learned model, BG/NBD and a naive same-rate forecast of
// each customer's repeat purchase days in a holdout window, with the fitted BG/NBD parameters.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "segments/clv_model.h"
#include "segments/transactions.h"

namespace shoppilot::app {

namespace {

using nlohmann::json;

int evalClv(const Args& a)
{
    a.allowOnly({"csv", "customer-col", "date-col", "amount-col", "quantity-col", "invoice-col", "date-format", "calibration-end",
                 "holdout-end", "seed"});
    segments::CsvLogOptions o;
    o.customerCol = a.required("customer-col");
    o.dateCol = a.required("date-col");
    o.amountCol = a.opt("amount-col").value_or("");
    if (const auto q = a.opt("quantity-col")) {
        if (o.amountCol.empty())
            throw UsageError("--quantity-col needs --amount-col (the unit price column)");
        o.amountCol = *q + "*" + o.amountCol;
    }
    o.invoiceCol = a.opt("invoice-col").value_or("");
    o.dateFormat = a.opt("date-format").value_or("");
    int cal = 0, hold = 0;
    try {
        cal = segments::dayFromIso(a.required("calibration-end"));
        hold = segments::dayFromIso(a.required("holdout-end"));
    } catch (const Error& e) {
        throw UsageError(std::string("--calibration-end/--holdout-end: ") + e.what());
    }
    if (hold <= cal)
        throw UsageError("--holdout-end must be after --calibration-end");
    const bool quiet = a.flag("quiet") || a.flag("json");
    const auto csv = a.required("csv");
    const auto log = segments::readTransactionsCsv(csv, o, consoleProgress(quiet));
    segments::ClvModelOptions mo;
    mo.seed = std::uint64_t(a.intOpt("seed", 7));
    const auto ev = segments::evaluateClv(log, cal, hold, mo, consoleProgress(quiet));
    const auto& r = log.report;
    const auto& p = ev.bgnbdFit.params;
    if (a.flag("json")) {
        json j{{"file", csv},
               {"rows", r.rows},
               {"purchases", r.kept},
               {"skipped", {{"no_customer", r.noCustomer}, {"cancelled", r.cancelled}, {"non_positive", r.nonPositive},
                            {"bad_date", r.badDate}, {"bad_amount", r.badAmount}, {"malformed", r.malformed}}},
               {"customers", ev.customers},
               {"calibration_end", segments::isoFromDay(cal)},
               {"holdout_end", segments::isoFromDay(hold)},
               {"holdout_days", hold - cal},
               {"actual_total", ev.actualTotal}};
        for (const auto& [name, m] : {std::pair{"model", ev.model}, {"bgnbd", ev.bgnbd}, {"naive", ev.naive}}) {
            j[std::string(name) + "/mae"] = m.mae;
            j[std::string(name) + "/rmse"] = m.rmse;
            j[std::string(name) + "/total"] = m.total;
        }
        j["bgnbd/r"] = p.r;
        j["bgnbd/alpha"] = p.alpha;
        j["bgnbd/a"] = p.a;
        j["bgnbd/b"] = p.b;
        j["bgnbd/log_likelihood"] = ev.bgnbdFit.logLikelihood;
        if (ev.spendFitted) {
            j["gamma_gamma/p"] = ev.spendFit.params.p;
            j["gamma_gamma/q"] = ev.spendFit.params.q;
            j["gamma_gamma/gamma"] = ev.spendFit.params.gamma;
            j["spend/actual_total"] = ev.actualSpend;
            j["spend/bgnbd_total"] = ev.bgnbdSpend;
            j["spend/model_total"] = ev.modelSpend;
        }
        const auto& t = ev.training;
        j["model/chosen"] = {{"hidden", t.hidden}, {"weight_decay", t.weightDecay}, {"residual", t.residual}, {"epochs", t.epochs},
                             {"validation_mae", t.validationMae}, {"validation_bgnbd_mae", t.validationBgnbdMae},
                             {"examples", t.examples}, {"validation_examples", t.validationExamples}, {"cutoffs", t.cutoffs}};
        j["model/tried"] = t.tried;
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%s: %lld rows, %lld purchases kept; skipped %lld without customer, %lld cancelled, %lld non-positive amount,"
                " %lld bad date, %lld bad amount, %lld malformed%s%s\n",
                csv.c_str(), (long long)r.rows, (long long)r.kept, (long long)r.noCustomer, (long long)r.cancelled,
                (long long)r.nonPositive, (long long)r.badDate, (long long)r.badAmount, (long long)r.malformed,
                r.firstBad.empty() ? "" : "; first: ", r.firstBad.c_str());
    std::printf("%d customers with a first purchase by %s; holdout %s .. %s (%d days); same-day purchases count once\n",
                ev.customers, segments::isoFromDay(cal).c_str(), segments::isoFromDay(cal + 1).c_str(),
                segments::isoFromDay(hold).c_str(), hold - cal);
    std::printf("BG/NBD (days): r=%.4f alpha=%.4f a=%.4f b=%.4f  LL=%.2f\n", p.r, p.alpha, p.a, p.b, ev.bgnbdFit.logLikelihood);
    const auto& t = ev.training;
    std::printf("learned model: %s, hidden %d, weight decay %g, %d epochs; %d calibration windows (%d cut-offs), "
                "validation MAE %.4f vs BG/NBD %.4f\n",
                t.residual ? "residual on BG/NBD" : "direct rate", t.hidden, t.weightDecay, t.epochs, t.examples, t.cutoffs,
                t.validationMae, t.validationBgnbdMae);
    std::printf("\nrepeat purchase days in the holdout, per customer\n");
    std::printf("  %-22s %8s %8s %10s\n", "method", "MAE", "RMSE", "total");
    std::printf("  %-22s %8s %8s %10.0f\n", "actual", "", "", ev.actualTotal);
    std::printf("  %-22s %8.4f %8.4f %10.1f\n", "learned model", ev.model.mae, ev.model.rmse, ev.model.total);
    std::printf("  %-22s %8.4f %8.4f %10.1f\n", "BG/NBD", ev.bgnbd.mae, ev.bgnbd.rmse, ev.bgnbd.total);
    std::printf("  %-22s %8.4f %8.4f %10.1f\n", "naive same rate", ev.naive.mae, ev.naive.rmse, ev.naive.total);
    if (ev.spendFitted)
        std::printf("holdout spend: actual %.0f, BG/NBD x Gamma-Gamma %.0f, model x Gamma-Gamma %.0f (p=%.3f q=%.3f gamma=%.3f)\n",
                    ev.actualSpend, ev.bgnbdSpend, ev.modelSpend, ev.spendFit.params.p, ev.spendFit.params.q,
                    ev.spendFit.params.gamma);
    return 0;
}

const RegisterModuleCommand kEvalClv{{"eval", "clv",
    "  shoppilot eval clv --csv FILE --customer-col C --date-col D [--amount-col A | A*B] [--quantity-col Q]\n"
    "                     [--invoice-col I] [--date-format %Y-%m-%d] --calibration-end YYYY-MM-DD\n"
    "                     --holdout-end YYYY-MM-DD [--seed 7]\n"
    "                                                 repeat purchases in a holdout: learned model vs BG/NBD vs naive\n",
    evalClv}};

} // namespace

} // namespace shoppilot::app
