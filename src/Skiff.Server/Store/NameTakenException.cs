namespace Skiff.Server.Store;

/// <summary>The environment name belongs to something else (a pull request); the message says what.</summary>
public sealed class NameTakenException(string message) : Exception(message);
