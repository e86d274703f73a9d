namespace BlazorChat.Tests.Infrastructure;

/// <summary>The repository's <c>tools/node</c> folder, where ./test.sh installs the npm tools the tests run.</summary>
public static class NodeTools
{
    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "BlazorChat.sln"))) return Path.Combine(dir.FullName, "tools", "node");
            throw new DirectoryNotFoundException("BlazorChat.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
