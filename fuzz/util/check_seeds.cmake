# ctest helper: runs the seed converter into a scratch folder, then replays what it wrote
# through fuzz_protocol_replay. Fails when either step fails.
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${CONVERTER} --out ${OUT} --scenarios ${SRC}/scenarios
                        --variants ${SRC}/variants
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzz_make_seeds failed: ${rc}")
endif()
execute_process(COMMAND ${REPLAY} ${OUT}/protocol RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "replaying the converted seeds failed: ${rc}")
endif()
