using System.Globalization;
using Skiff.Core.Units;

namespace Skiff.Core.Lifetimes;

/// <summary>
/// <c>skiff extend N DURATION</c>: the environment lives at least until now + DURATION. Durations
/// beyond the server's maximum TTL, and <c>never</c>, need <see cref="LifetimeSettings.AllowNever"/>.
/// </summary>
public static class Extension
{
    /// <summary>The <c>extendedUntil</c> of an environment extended for ever.</summary>
    public static DateTimeOffset Forever => DateTimeOffset.MaxValue;

    public static ExtensionResult Parse(string text, LifetimeSettings settings, TimeProvider time) =>
        Parse(text, settings, time.GetUtcNow());

    public static ExtensionResult Parse(string text, LifetimeSettings settings, DateTimeOffset now)
    {
        var trimmed = text?.Trim() ?? "";
        var max = settings.MaxTtl == TimeSpan.MaxValue ? "no maximum" : $"the maximum is {DurationFormat.Format(settings.MaxTtl)}";
        if (trimmed == "never")
        {
            return settings.AllowNever
                ? new ExtensionResult(true, Forever, "extended for ever")
                : Refuse($"never is not allowed on this server (allowNever: false); {max}");
        }

        if (!DurationFormat.TryParse(trimmed, out var duration))
            return Refuse($"expected a duration such as 2d or 12h, or never, got '{text}'");
        if (duration <= TimeSpan.Zero)
            return Refuse($"expected a duration longer than 0, got '{text}'");
        if (duration > settings.MaxTtl && !settings.AllowNever)
            return Refuse($"{DurationFormat.Format(duration)} is longer than this server allows; {max}");
        if (duration > DateTimeOffset.MaxValue - now)
            return new ExtensionResult(true, Forever, "extended for ever");

        var until = now + duration;
        var at = until.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return new ExtensionResult(true, until, $"extended by {DurationFormat.Format(duration)}, until {at}");
    }

    private static ExtensionResult Refuse(string reason) => new(false, null, reason);
}
