// A cluster described in words: the features that set it apart from the whole base (z-score of
// the cluster's mean against the base's mean and spread), its share of customers and of
// revenue. Returned as structured facts (the UI translates them) plus an English sentence.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "segments/features.h"

namespace shoppilot::segments {

struct ProfileFact {
    std::string feature;     // a feature column ("interval_days", "share:Beauty" ...)
    double clusterMean = 0;  // mean over the cluster's customers with a value
    double baseMean = 0;     // mean over every customer with a value
    double z = 0;            // (clusterMean - baseMean) / base standard deviation
    std::string phrase;      // English, e.g. "buys every 3 weeks"
};

struct ClusterProfile {
    int cluster = 0;
    std::int64_t customers = 0;
    double customerShare = 0; // of all customers in the table
    double revenueShare = 0;  // of the table's spend (monetary)
    std::vector<ProfileFact> facts; // the most distinctive first, |z| >= minZ, at most maxFacts
    std::string sentence;     // "buys every 3 weeks, rarely without a coupon; 8% of customers, 21% of revenue"
};

// One profile per cluster 0..k-1 (labels < 0 are ignored).
std::vector<ClusterProfile> profileClusters(const CustomerFeatures& f, const std::vector<int>& label, int k,
                                            int maxFacts = 3, double minZ = 0.25);

// The English phrase for one fact (what profileClusters puts in ProfileFact::phrase).
std::string describeFact(const ProfileFact& fact);

} // namespace shoppilot::segments
