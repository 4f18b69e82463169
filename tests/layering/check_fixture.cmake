# The checker on a small tree with known forbidden includes (fixture/): it must exit 1 and report
# exactly the lines of fixture_expected.txt, so the `layering` test passing means something.
#   cmake -DCHECKDEPS=<shoppilot-checkdeps> -DDIR=<this folder> -P check_fixture.cmake
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND "${CHECKDEPS}" --root "${DIR}/fixture" --rules "${DIR}/fixture/rules.txt"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(READ "${DIR}/fixture_expected.txt" expected)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit code 1 (forbidden includes found), got ${rc}\n${out}${err}")
endif()
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "the checker's report differs from fixture_expected.txt.\ngot:\n${out}${err}\nexpected:\n${expected}")
endif()
message(STATUS "checkdeps reported exactly the fixture's forbidden includes")
