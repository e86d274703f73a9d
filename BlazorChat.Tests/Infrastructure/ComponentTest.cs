using System.Security.Claims;
using BlazorChat.Web.Components.Layout.Theme;
using BlazorChat.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// A bUnit test of Blazor components: a <see cref="BunitContext"/> with MudBlazor's services as the
/// app registers them (<c>AddMudServices</c>), the app's own per-circuit services the components
/// inject (<see cref="ThemeState"/>, <see cref="ViewerClock"/>), JavaScript interop in loose mode
/// (every call answers the default, except the app's calls
/// whose default a browser never gives; tests that depend on an answer set it up) and an interactive
/// Server renderer, as in a circuit. Disposed asynchronously: MudBlazor's dialog and popover
/// services only dispose that way.
/// </summary>
public abstract class ComponentTest : IAsyncLifetime
{
    protected ComponentTest()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        // chat.js as a fresh browser answers it: no emoji used yet.
        Context.JSInterop.Setup<string[]>("blazorChat.recentEmoji", _ => true).SetResult([]);
        Context.Services.AddMudServices();
        Context.Services.AddScoped<ThemeState>();
        Context.Services.AddScoped<ViewerClock>();
    }

    private bool _interactive = true;

    protected BunitContext Context { get; } = new();

    /// <summary>JavaScript calls the components made, and the answers tests set up.</summary>
    protected BunitJSInterop JSInterop => Context.JSInterop;

    /// <summary>Renders as a circuit does (<paramref name="interactive"/>, the default) or as the static prerender before it.</summary>
    protected void Interactive(bool interactive) => _interactive = interactive;

    /// <summary>Lets components resolve the singletons of a real chat core (rooms, mentions, attachments…) from <paramref name="host"/>.</summary>
    protected void UseCore(ChatTestHost host) => Context.Services.AddFallbackServiceProvider(host.Services);

    /// <summary>Signs <paramref name="userId"/> in, for components that read the cascading authentication state.</summary>
    protected void SignIn(Guid userId, string userName = "ada")
    {
        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized(userName);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId.ToString()));
    }

    protected IRenderedComponent<TComponent> Render<TComponent>(Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        UseRendererInfo();
        return Context.Render(parameters);
    }

    protected IRenderedComponent<IComponent> Render(RenderFragment fragment)
    {
        UseRendererInfo();
        return Context.Render(fragment);
    }

    // Set at the first render, not before: the renderer is made from the services, which are complete only then.
    private void UseRendererInfo() => Context.SetRendererInfo(new RendererInfo("Server", _interactive));

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Context.DisposeAsync();
}
