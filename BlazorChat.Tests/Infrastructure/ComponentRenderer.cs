using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// Renders a component to HTML with the framework's own static <see cref="HtmlRenderer"/> (the
/// feed has no bUnit) and parses the result for DOM assertions.
/// </summary>
public sealed class ComponentRenderer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;

    /// <param name="configure">Registers what the rendered components inject.</param>
    public ComponentRenderer(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    /// <summary>Renders <typeparamref name="TComponent"/> with <paramref name="parameters"/> and returns the body holding its markup.</summary>
    public async Task<AngleSharp.Dom.IElement> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var html = await _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        return Html.Fragment(html);
    }

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> and returns a function that reads its markup as it
    /// is now, for components that render again after an event (call it after the change).
    /// </summary>
    public async Task<Func<Task<AngleSharp.Dom.IElement>>> RenderLiveAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var output = await _renderer.Dispatcher.InvokeAsync(() => _renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters)));
        return async () => Html.Fragment(await _renderer.Dispatcher.InvokeAsync(output.ToHtmlString));
    }

    /// <summary>Runs <paramref name="change"/> on the renderer's dispatcher, as a circuit runs an event.</summary>
    public Task InvokeAsync(Action change) => _renderer.Dispatcher.InvokeAsync(change);

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
