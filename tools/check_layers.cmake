# ctest helper: the layer rule of docs/architecture.md, checked on the sources. The folders
# are layers, top to bottom; a source file may include headers of its own folder and of the
# folders above it, never of one below. Tests and the test-support headers (*_test.cc,
# model/testing.h, properties/test_support.h) may reach further down: the model's tests drive
# it through the simulated world. Usage: cmake -DSRC=<repository root> -P check_layers.cmake
# A level may hold several folders side by side ("symbolic|graph"): they share a rank, so
# neither may include the other.
set(levels model variants sim trace properties scenarios random symbolic|graph engines fuzz
    reports cli bench)
set(layers "")
set(ranks "")
set(rank 0)
foreach(level ${levels})
  string(REPLACE "|" ";" folders "${level}")
  foreach(folder ${folders})
    list(APPEND layers ${folder})
    list(APPEND ranks ${rank})
  endforeach()
  math(EXPR rank "${rank} + 1")
endforeach()

set(problems "")
foreach(folder ${layers})
  list(FIND layers ${folder} index)
  list(GET ranks ${index} rank)
  file(GLOB_RECURSE sources ${SRC}/${folder}/*.h ${SRC}/${folder}/*.cc)
  foreach(source ${sources})
    file(RELATIVE_PATH rel ${SRC} ${source})
    if(rel MATCHES "_test\\.cc$" OR rel STREQUAL "model/testing.h" OR
       rel STREQUAL "properties/test_support.h")
      continue()
    endif()
    file(STRINGS ${source} includes REGEX "^#include \"[a-z_]+/")
    foreach(line ${includes})
      string(REGEX REPLACE "^#include \"([a-z_]+)/.*" "\\1" used "${line}")
      list(FIND layers ${used} used_index)
      if(used_index LESS 0)
        continue()
      endif()
      list(GET ranks ${used_index} used_rank)
      if(used_rank GREATER rank)
        string(APPEND problems "  ${rel}: ${line} (${used}/ is below ${folder}/)\n")
      elseif(used_rank EQUAL rank AND NOT used STREQUAL folder)
        string(APPEND problems "  ${rel}: ${line} (${used}/ is beside ${folder}/)\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  string(REPLACE ";" " -> " order "${levels}")
  message(FATAL_ERROR "includes against the layer order ${order}:\n${problems}"
                      "See docs/architecture.md: a folder uses only folders above it,"
                      " never one below or beside it.")
endif()
