// Preloaded (`node --require`) into every test server the .NET fixtures start. The fixture holds the
// write end of this process's stdin; when the test host exits, even by SIGKILL, the OS closes that
// pipe and we exit too, so no server outlives the test run.
"use strict";

const quit = () => process.exit(0);
process.stdin.on("end", quit);
process.stdin.on("close", quit);
process.stdin.on("error", quit);
process.stdin.resume();
