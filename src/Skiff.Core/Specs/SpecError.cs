namespace Skiff.Core.Specs;

/// <summary>One problem with a spec, with the place and key path it concerns.</summary>
/// <param name="Location">Where in which file; null when no single place is to blame.</param>
/// <param name="KeyPath">The key path, such as <c>services.web.depends_on</c>.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record SpecError(SourceLocation? Location, string KeyPath, string Message)
{
    /// <summary>One line: <c>file:line:col: services.web.ports: message</c>.</summary>
    public override string ToString()
    {
        var where = Location is null ? "" : $"{Location}: ";
        var key = string.IsNullOrEmpty(KeyPath) ? "" : $"{KeyPath}: ";
        return where + key + Message;
    }
}

/// <summary>Thrown when a spec cannot be loaded or is invalid; carries every error found.</summary>
public sealed class SpecException(IReadOnlyList<SpecError> errors)
    : Exception(errors.Count == 0 ? "invalid spec" : errors[0].ToString())
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;

    public SpecException(SpecError error) : this([error])
    {
    }
}
