namespace Skiff.Server.Configuration;

/// <summary>
/// A secret from server configuration. <see cref="ToString"/> never shows it, so it cannot leak
/// into logs or messages by accident; <see cref="Reveal"/> is the one way to read it.
/// </summary>
public sealed class SecretValue(string value, string source)
{
    /// <summary>Where it came from, safe to show: <c>env:SHOP_SECRET</c>, <c>file:/etc/skiff/token</c> or <c>inline</c>.</summary>
    public string Source { get; } = source;

    public string Reveal() => value;

    public override string ToString() => $"<secret from {Source}>";
}
