// Precompiled header of core/sync: the heavy third-party headers its network code uses.
#pragma once

// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility> (C++20, g++ 12).
#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <nlohmann/json.hpp>
