namespace Skiff.Cli;

/// <summary>What a command runs against: where to write, which environment variables, whether stdout is a terminal. Tests pass their own.</summary>
public sealed record CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required Func<string, string?> GetVariable { get; init; }

    public bool IsTerminal { get; init; }

    public static CliContext FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        GetVariable = Environment.GetEnvironmentVariable,
        IsTerminal = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"),
    };

    public const string DefaultServer = "http://127.0.0.1:7070";

    /// <summary><c>SKIFF_SERVER</c>, or the local default.</summary>
    public Uri Server => new((GetVariable("SKIFF_SERVER") is { Length: > 0 } server ? server : DefaultServer).TrimEnd('/') + "/");

    /// <summary>True when the server address is the local default (so <c>up</c> may start one).</summary>
    public bool UsesDefaultServer => GetVariable("SKIFF_SERVER") is not { Length: > 0 } server || server.TrimEnd('/') == DefaultServer;
}
