namespace Lens.Cli;

// A named entry point rather than top-level statements: a global Program class would collide with the
// dashboard's in test projects that reference both.
internal static class LensProgram
{
    private static int Main(string[] args) => LensCli.Run(args, Console.Out, Console.Error);
}
