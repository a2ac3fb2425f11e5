# ctest helper: docs/invariants.md is exactly what `reclaim invariants --markdown` prints, and
# every checker file it names exists. Fails with the command that regenerates it otherwise.
# Usage: cmake -DRECLAIM=<reclaim binary> -DSRC=<repository root> -DOUT=<scratch file>
#              -P check_invariants_doc.cmake
execute_process(COMMAND ${RECLAIM} invariants --markdown OUTPUT_VARIABLE generated
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "reclaim invariants --markdown failed: ${rc}")
endif()
file(READ ${SRC}/docs/invariants.md committed)
if(NOT committed STREQUAL generated)
  file(WRITE ${OUT} "${generated}")
  message(FATAL_ERROR
          "docs/invariants.md differs from `reclaim invariants --markdown` (see: diff "
          "docs/invariants.md ${OUT}). Regenerate it from the repository root with:\n"
          "  build/dev/reclaim invariants --markdown > docs/invariants.md")
endif()
string(REGEX MATCHALL "properties/invariants/[a-z_]+\\.cc" checkers "${committed}")
list(REMOVE_DUPLICATES checkers)
foreach(checker ${checkers})
  if(NOT EXISTS ${SRC}/${checker})
    message(FATAL_ERROR "docs/invariants.md names ${checker}, which does not exist")
  endif()
endforeach()
