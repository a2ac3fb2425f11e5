# ctest helper: every scenario in the repository records the same trace, under every variant it
# names, as scenarios/trace-hashes.txt pins. A change to the model, the simulation or a variant
# that alters any recorded trace fails here, naming the scenario and variant; if the change is
# intended, regenerate the pins and commit them with it, so the diff shows which traces moved.
# Usage (from anywhere):
#   cmake -DRECLAIM=<reclaim binary> -DSRC=<repository root> [-DUPDATE=ON]
#         -P tools/check_trace_hashes.cmake
cmake_minimum_required(VERSION 3.20)
set(pins ${SRC}/scenarios/trace-hashes.txt)
execute_process(COMMAND ${RECLAIM} run scenarios fuzz/regressions/scenarios --json
                WORKING_DIRECTORY ${SRC} OUTPUT_VARIABLE report RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "reclaim run scenarios fuzz/regressions/scenarios exited ${rc}")
endif()

set(lines "# The trace hash of every scenario under every variant it names (`reclaim run --json`).\n")
string(APPEND lines "# Regenerate: cmake -DRECLAIM=build/dev/reclaim -DSRC=. -DUPDATE=ON")
string(APPEND lines " -P tools/check_trace_hashes.cmake\n")
string(JSON nfiles LENGTH "${report}" files)
set(count 0)
if(nfiles GREATER 0)
  math(EXPR last_file "${nfiles} - 1")
  foreach(f RANGE ${last_file})
    string(JSON file GET "${report}" files ${f} file)
    string(JSON nvariants LENGTH "${report}" files ${f} variants)
    if(nvariants EQUAL 0)
      continue()
    endif()
    math(EXPR last_variant "${nvariants} - 1")
    foreach(v RANGE ${last_variant})
      string(JSON variant GET "${report}" files ${f} variants ${v} variant)
      string(JSON hash GET "${report}" files ${f} variants ${v} trace_hash)
      string(APPEND lines "${hash} ${variant} ${file}\n")
      math(EXPR count "${count} + 1")
    endforeach()
  endforeach()
endif()
if(count EQUAL 0)
  message(FATAL_ERROR "reclaim run reported no scenario runs: nothing was pinned")
endif()

if(UPDATE)
  file(WRITE ${pins} "${lines}")
  message(STATUS "wrote ${count} trace hashes to ${pins}")
  return()
endif()
if(NOT EXISTS ${pins})
  message(FATAL_ERROR "${pins} is missing; generate it with -DUPDATE=ON")
endif()
file(READ ${pins} committed)
if(NOT committed STREQUAL lines)
  string(REPLACE "\n" ";" want "${committed}")
  string(REPLACE "\n" ";" got "${lines}")
  foreach(line ${got})
    if(NOT line IN_LIST want)
      message("now:    ${line}")
    endif()
  endforeach()
  foreach(line ${want})
    if(NOT line IN_LIST got)
      message("pinned: ${line}")
    endif()
  endforeach()
  message(FATAL_ERROR
          "recorded traces differ from scenarios/trace-hashes.txt (lines above). If the change "
          "is intended, regenerate from the repository root:\n"
          "  cmake -DRECLAIM=build/dev/reclaim -DSRC=. -DUPDATE=ON -P tools/check_trace_hashes.cmake")
endif()
message(STATUS "${count} scenario traces as pinned")
