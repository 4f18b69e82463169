#include "common/error.h"

namespace shoppilot {

const char* errorCodeName(ErrorCode code) noexcept
{
    switch (code) {
    case ErrorCode::Io: return "io";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::NotAStore: return "not-a-store";
    case ErrorCode::Corrupt: return "corrupt";
    case ErrorCode::NewerSchema: return "newer-schema";
    case ErrorCode::ReadOnly: return "read-only";
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::Parse: return "parse";
    case ErrorCode::Database: return "database";
    case ErrorCode::Model: return "model";
    case ErrorCode::Network: return "network";
    case ErrorCode::Cancelled: return "cancelled";
    }
    return "unknown";
}

} // namespace shoppilot
