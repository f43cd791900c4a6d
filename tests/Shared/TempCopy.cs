namespace Skiff.Tests.Shared;

/// <summary>A throw-away copy of a folder that tests may change freely.</summary>
public sealed class TempCopy : IDisposable
{
    public string Path { get; }

    public TempCopy(string source)
    {
        Path = Directory.CreateTempSubdirectory("skiff-test-").FullName;
        Copy(source, Path);
    }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public void Write(string relative, string content) => System.IO.File.WriteAllText(File(relative), content);

    public string Read(string relative) => System.IO.File.ReadAllText(File(relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            System.IO.File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(from))
            Copy(directory, System.IO.Path.Combine(to, System.IO.Path.GetFileName(directory)));
    }
}
