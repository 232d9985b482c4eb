namespace Lens.Cli;

/// <summary>Runs a command's work and turns a <see cref="CliException"/> into one line on standard error and exit code 2.</summary>
public static class CliRun
{
    public static int Guard(TextWriter stderr, string command, Func<Task> work)
    {
        try
        {
            work().GetAwaiter().GetResult();
            return 0;
        }
        catch (CliException ex)
        {
            stderr.WriteLine($"{command}: {ex.Message}");
            return 2;
        }
    }
}
