namespace Lens.Cli;

/// <summary>A problem with the user's input: printed as one line to standard error, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
