namespace Skiff.Core.Specs.Loading;

/// <summary>Collects the errors and warnings of one load, in the order they are found.</summary>
internal sealed class Diagnostics
{
    private readonly List<SpecError> _errors = [];
    private readonly List<SpecError> _warnings = [];
    private readonly HashSet<SourceLocation> _errorPlaces = [];

    public IReadOnlyList<SpecError> Errors => _errors;

    public IReadOnlyList<SpecError> Warnings => _warnings;

    public int ErrorCount => _errors.Count;

    public void Error(YNode? at, string keyPath, string message) => Error(at?.Location, keyPath, message);

    /// <summary>
    /// Records an error; a second error at a place that already has one is dropped, since it
    /// follows from the first (a failed interpolation leaves an empty value, which is then "missing").
    /// </summary>
    public void Error(SourceLocation? at, string keyPath, string message)
    {
        if (at is not null && !_errorPlaces.Add(at))
            return;
        _errors.Add(new SpecError(at, keyPath, message));
    }

    public void Warn(YNode? at, string keyPath, string message) => Warn(at?.Location, keyPath, message);

    public void Warn(SourceLocation? at, string keyPath, string message) => _warnings.Add(new SpecError(at, keyPath, message));

    public void AddErrors(IEnumerable<SpecError> errors) => _errors.AddRange(errors);
}
