using Skiff.Core.Naming;
using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Specs.Validation;

/// <summary>What the loader knows about problems it already reported, so the validator does not repeat them as follow-on errors.</summary>
internal sealed record ValidationHints(IReadOnlySet<string> ServicesWithBrokenSource, bool IncompleteProject)
{
    public static ValidationHints None { get; } = new(new HashSet<string>(), false);
}

/// <summary>
/// Checks a loaded (or hand-built) <see cref="AppSpec"/> as a whole: names, references between
/// services, volumes and settings, dependency cycles, host port clashes, paths that leave the
/// repository, missing build contexts and files, and resource caps. Each problem is its own
/// <see cref="SpecError"/>, positioned when the spec knows where it came from.
/// </summary>
public static class SpecValidator
{
    public static IReadOnlyList<SpecError> Validate(AppSpec spec) => Validate(spec, checkFilesExist: true);

    /// <param name="checkFilesExist">False to skip the checks that build contexts, Dockerfiles and secret and seed files exist.</param>
    public static IReadOnlyList<SpecError> Validate(AppSpec spec, bool checkFilesExist) => Validate(spec, checkFilesExist, ValidationHints.None);

    internal static IReadOnlyList<SpecError> Validate(AppSpec spec, bool checkFilesExist, ValidationHints hints)
    {
        var errors = new List<SpecError>();
        if (DnsLabel.Explain(spec.Name) is { } badName)
            errors.Add(new SpecError(spec.NameLocation, "name", $"the project name is not usable: {badName}"));

        if (spec.Services.IsDefaultOrEmpty && !hints.IncompleteProject)
        {
            var at = spec.Files.IsDefaultOrEmpty ? null : new SourceLocation(RepositoryPaths.Display(spec.SourceDirectory, spec.Files[^1]), 1, 1);
            errors.Add(new SpecError(at, "services", "the spec defines no services (or none that the active profiles enable); expected at least one under 'services:'"));
        }

        var files = new FileChecks(spec.SourceDirectory, checkFilesExist);
        foreach (var service in spec.Services.IsDefault ? [] : spec.Services)
        {
            var path = $"services.{service.Name}";
            if (DnsLabel.Explain(service.Name) is { } badService)
                errors.Add(new SpecError(service.Location, path, $"the service name is not usable (it becomes a host name): {badService}"));
            if (service.Image is null && service.Build is null && !hints.ServicesWithBrokenSource.Contains(service.Name))
                errors.Add(new SpecError(service.Location, path, $"service '{service.Name}' has neither 'image' nor 'build'; give one of them"));
            if (service.Build is { } build)
                errors.AddRange(files.CheckBuild(build, path));
            errors.AddRange(files.CheckMounts(spec, service, path));
            errors.AddRange(files.CheckFileMounts(service));
        }

        errors.AddRange(DependencyGraph.FindUnknown(spec));
        errors.AddRange(DependencyGraph.FindCycles(spec));
        errors.AddRange(PortConflicts.Find(spec));
        errors.AddRange(ResourceBudget.Check(spec));
        errors.AddRange(SettingsChecks.Check(spec, files));
        return errors;
    }
}
