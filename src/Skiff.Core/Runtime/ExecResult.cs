namespace Skiff.Core.Runtime;

/// <summary>The outcome of a command run in a container.</summary>
public sealed record ExecResult(long ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}
