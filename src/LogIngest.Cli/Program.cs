// The `logingest` command-line host. The commands arrive with the workflows issue; until then the
// main job says so plainly instead of pretending to run.
Console.Error.WriteLine("logingest: the demo is not yet available in this build.");
return 0;
