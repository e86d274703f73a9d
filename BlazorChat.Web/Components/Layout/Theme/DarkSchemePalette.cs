using System.Text;
using MudBlazor;

namespace BlazorChat.Web.Components.Layout.Theme;

/// <summary>
/// The dark palette's variables inside <c>@media (prefers-color-scheme: dark)</c>, rendered after
/// the light <see cref="MudThemeProvider"/> when a person follows the system theme: the browser
/// picks the palette before the first paint, on static pages too, and follows a change of the
/// system setting without a round trip.
/// </summary>
public sealed class DarkSchemePalette : MudThemeProvider
{
    /// <inheritdoc />
    protected override void GenerateTheme(StringBuilder theme)
    {
        // The provider writes ":root{" before and "}" after this: close it empty and open the media block.
        theme.Append("}@media (prefers-color-scheme: dark){:root{");
        base.GenerateTheme(theme);
        theme.Append('}');
    }
}
