using System.Collections.Immutable;

namespace Skiff.Core.Deploy;

/// <summary>Why a deploy failed: the service to blame (if one), a one-line reason, and the last log lines.</summary>
public sealed record DeployFailure(string? Service, string Message, ImmutableArray<string> LogTail)
{
    public override string ToString() => Service is null ? Message : $"{Service}: {Message}";
}

/// <summary>Thrown inside a deploy to stop it; carries the failure to record.</summary>
public sealed class DeployFailedException(DeployFailure failure) : Exception(failure.ToString())
{
    public DeployFailure Failure { get; } = failure;
}
