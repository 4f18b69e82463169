# The translation check on a fixture catalogue (fixture/): one text translated, one unfinished,
# one empty, one only in the sources, one only in the catalogue. The check must fail and name
# exactly the three without a translation, so the `translations` test passing means something.
#   cmake -DLUPDATE=<lupdate> -DCHECK=<check_translations.cmake> -DDIR=<this folder> -DWORK=<dir>
#         -P check_fixture.cmake
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND "${CMAKE_COMMAND}" -DLUPDATE=${LUPDATE} -DPROJECT=${DIR}/fixture/project.cmake
                        -DTS=${DIR}/fixture/fixture_zh_CN.ts -DWORK=${WORK} -P ${CHECK}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "the check passed on a catalogue with untranslated texts:\n${all}")
endif()
foreach(line
    "3 of 4 texts have no translation"
    "untranslated in fixture_zh_CN.ts: [Hello] \"Unfinished text\""
    "untranslated in fixture_zh_CN.ts: [Panels] \"Empty text\""
    "missing from fixture_zh_CN.ts: [Hello] \"New text\""
    "no longer in the sources (lupdate drops it): [Hello] \"Gone text\"")
  string(FIND "${all}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected \"${line}\" in the check's output:\n${all}")
  endif()
endforeach()
string(FIND "${all}" "\"Translated text\"" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "a translated text was reported:\n${all}")
endif()
message(STATUS "the check named exactly the fixture's untranslated texts")
