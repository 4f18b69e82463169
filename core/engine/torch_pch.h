// Precompiled header for the torch-using sources of core/engine (and later model modules).
// Narrow includes only: torch/torch.h would pull in everything and cost every TU ~25 s.
#pragma once

#include <ATen/Parallel.h>
#include <torch/nn/module.h>
#include <torch/serialize.h>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/types.h>
#include <torch/utils.h>
#include <torch/version.h>
