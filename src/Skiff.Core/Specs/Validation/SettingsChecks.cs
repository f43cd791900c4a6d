namespace Skiff.Core.Specs.Validation;

/// <summary>Checks of the Skiff settings and top-level volumes against the services.</summary>
internal static class SettingsChecks
{
    public static IEnumerable<SpecError> Check(AppSpec spec, FileChecks files)
    {
        var settings = spec.Settings;
        var names = spec.Services.Select(s => s.Name).ToList();
        var known = names.Count == 0 ? "none" : string.Join(", ", names);

        if (settings.PublicService is { } publicService && spec.FindService(publicService) is null)
        {
            yield return new SpecError(settings.PublicServiceLocation, "public",
                $"the public service '{publicService}' is not a service of this spec{Suggestions.Hint(publicService, names)}; expected one of: {known}");
        }

        if (settings.Seed is { } seed)
        {
            if (spec.FindService(seed.Service) is null)
            {
                yield return new SpecError(seed.Location, "seed.service",
                    $"the seed service '{seed.Service}' is not a service of this spec{Suggestions.Hint(seed.Service, names)}; expected one of: {known}");
            }
            if (!files.IsInside(seed.File))
                yield return new SpecError(seed.FileLocation ?? seed.Location, "seed.file", $"the seed file '{files.Display(seed.File)}' is outside the repository");
            else if (files.CheckExistence && !File.Exists(seed.File))
                yield return new SpecError(seed.FileLocation ?? seed.Location, "seed.file", $"the seed file '{files.Display(seed.File)}' does not exist");
        }

        foreach (var volume in spec.Volumes.Where(v => v.External))
        {
            yield return new SpecError(volume.Location, $"volumes.{volume.Name}.external",
                $"external volume '{volume.Name}' is not supported: every environment gets its own volumes, so remove 'external'");
        }
    }
}
