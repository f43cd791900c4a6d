namespace Skiff.Core.Specs.Loading;

/// <summary>
/// The outcome of a load: the spec (when one could be built, even with errors, so tools can show
/// it), every error and every warning, each with file, line, column and key path where known.
/// </summary>
public sealed record SpecLoadResult(AppSpec? Spec, IReadOnlyList<SpecError> Errors, IReadOnlyList<SpecError> Warnings)
{
    public bool Succeeded => Spec is not null && Errors.Count == 0;

    /// <summary>The spec, or a <see cref="SpecException"/> carrying every error.</summary>
    public AppSpec GetSpecOrThrow() => Succeeded ? Spec! : throw new SpecException(Errors.Count > 0 ? Errors : [new SpecError(null, "", "no spec was loaded")]);
}
