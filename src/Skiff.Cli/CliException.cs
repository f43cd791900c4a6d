namespace Skiff.Cli;

/// <summary>A failure the CLI reports as one line on stderr with a stable exit code.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The CLI's exit codes, in one place.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation ran and failed (a deploy failed, a wait timed out).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments.</summary>
    public const int Usage = 2;

    /// <summary>No server answers.</summary>
    public const int ServerUnavailable = 3;

    /// <summary>The named environment does not exist.</summary>
    public const int NotFound = 4;

    /// <summary>The spec is invalid.</summary>
    public const int InvalidSpec = 5;
}
