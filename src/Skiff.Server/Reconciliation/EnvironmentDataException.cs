namespace Skiff.Server.Reconciliation;

/// <summary>
/// A reconcile cannot succeed because of the environment's own recorded data (a source that no
/// longer resolves, a repository no longer served): trying again changes nothing until a trigger
/// changes the desired state. The message is one line for the environment's error and PR comment.
/// </summary>
public sealed class EnvironmentDataException(string message) : Exception(message);
