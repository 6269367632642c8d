namespace SatDaemon.Web.Html;

/// <summary>The console's stylesheet and script, written here: the console works with no network and no Node.</summary>
internal static class ConsoleAssets
{
    public static readonly string Css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
        header{display:flex;gap:1.5em;align-items:center;background:#1f3a5a;color:#fff;padding:.5em 1em}
        header a{color:#cde;text-decoration:none;margin-right:1em}header a.active{color:#fff;font-weight:bold}
        .brand{font-weight:bold}main{padding:1em}h1{font-size:1.4em;margin:.2em 0 .6em}h2{font-size:1.1em;margin:1.2em 0 .4em}
        table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
        th{background:#eef}th[data-sort]{cursor:pointer}.muted{color:#888}.num{text-align:right}
        .state{display:inline-block;padding:.2em .6em;border-radius:3px;font-weight:bold;color:#fff}
        .state-running{background:#2a8a3a}.state-powering-down{background:#c80}.state-stale,.state-never-seen{background:#b22}
        .machine{display:grid;grid-template-columns:6em 300px auto;gap:2px 8px;align-items:center;margin-bottom:.8em}
        .bar .bar-bg,.progress .bar-bg{fill:#e4e4e4}.bar.over .bar-bg{fill:#f99}.progress .done{fill:#3a7bd5}.progress .unknown{fill:#ccc}
        .health-down{color:#b22;font-weight:bold}.health-up{color:#2a8a3a}
        pre.log{background:#111;color:#ddd;padding:.5em;max-height:16em;overflow:auto;white-space:pre-wrap;margin:.2em 0}
        .grid-table td.cell{width:5.5em;text-align:center;font-size:12px}
        .s-complete{background:#3c9a4c;color:#fff}.s-running{background:#3a7bd5;color:#fff}.s-waiting{background:#f2e7a6}
        .s-failed{background:#d33;color:#fff}.s-held{background:#a8a}.s-todo{background:#f4f4f4;color:#aaa}.s-none{background:#fff}
        svg.map{width:100%;max-width:900px;max-height:480px;border:1px solid #ccc;background:#fff}.map .sea{fill:#eef4fa}.map path.land{fill:#ece8da;fill-rule:evenodd;stroke:#c9c2a8;stroke-width:.5;fill-opacity:1}
        .map .grid{stroke:#ccd;stroke-width:.5}.map .grid-label{font-size:9px;fill:#99a}
        .map path{stroke:#234;stroke-width:.8;fill-opacity:.75}.map path.burst{fill:#9bd;fill-opacity:.4}.map path.missing{fill:#f4b6b6;stroke:#c33;stroke-dasharray:3 2}.map path.failing{stroke:#d00;stroke-width:2}
        .map a:hover path{stroke-width:2}form.filter{margin:.5em 0}form.filter input{width:12em}
        .legend span{display:inline-block;padding:0 .5em;margin-right:.3em}
        aside#controls{padding:0 1em 1em;border-top:1px solid #ccd}form.control{margin:.4em 0}.control-error{color:#b22;font-weight:bold}.control-ok{color:#2a8a3a}
        .confirm{background:#fff4e0;border:1px solid #c80;padding:.5em}header form{display:inline;margin:0}header .account{margin-left:auto}
        [data-pick] path[data-id]{cursor:pointer}.map path.picked{fill:#f80;fill-opacity:.7}
        """ + JobPageAssets.Css + TrendAssets.Css + MapAssets.Css;

    /// <summary>Live updates (short polling of the same page's main part), table sorting and text filtering.</summary>
    public static readonly string Script = """
        (function(){
          var main=document.querySelector('main[data-live]');
          if(main){
            var ms=parseInt(main.getAttribute('data-live'),10)||2000,state=document.getElementById('live-state');
            // The page came with its main part's tag: the first poll already asks "changed?" instead of fetching it again.
            main.etag=main.getAttribute('data-etag')||undefined;
            var tick=function(){
              // Not while the page is hidden, nor while someone types into a form of it.
              var a=document.activeElement;
              if(document.hidden||(a&&main.contains(a)&&a.tagName==='INPUT')){return;}
              // Details a person opened stay open across the refresh.
              var open=Array.prototype.map.call(main.querySelectorAll('details[open][id]'),function(d){return d.id;});
              // Typed filters survive the refresh too.
              var typed={};main.querySelectorAll('input[data-filter]').forEach(function(i){typed[i.getAttribute('data-filter')]=i.value;});
              var u=new URL(location.href);u.searchParams.set('partial','1');
              // The server answers 304 (no body) while the main part is unchanged (its ETag, LiveRefresh).
              fetch(u,{cache:'no-store',headers:main.etag?{'If-None-Match':main.etag}:{}}).then(function(r){
                  window.satClock&&window.satClock(r.headers.get('X-Console-Now'));
                  if(r.status===304){return null;}if(!r.ok)throw new Error(r.status);main.etag=r.headers.get('ETag');return r.text();})
                .then(function(t){
                  if(t!==null){main.innerHTML=t;open.forEach(function(id){var d=document.getElementById(id);if(d){d.open=true;}});wire(main);
                    main.querySelectorAll('input[data-filter]').forEach(function(i){var v=typed[i.getAttribute('data-filter')];if(v){i.value=v;i.oninput();}});}
                  window.satAges&&window.satAges();state.textContent='live · '+new Date().toLocaleTimeString();})
                .catch(function(){state.textContent='not updating (server unreachable)';});
            };
            setInterval(tick,ms);
          }
          function wire(root){
            root.querySelectorAll('table[data-sortable]').forEach(function(t){
              t.querySelectorAll('th[data-sort]').forEach(function(th,i){
                th.onclick=function(){
                  var idx=Array.prototype.indexOf.call(th.parentNode.children,th),num=th.getAttribute('data-sort')==='num';
                  var asc=th.getAttribute('data-dir')!=='asc';th.setAttribute('data-dir',asc?'asc':'desc');
                  var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
                  rows.sort(function(a,b){
                    var x=a.cells[idx].getAttribute('data-v')||a.cells[idx].textContent,y=b.cells[idx].getAttribute('data-v')||b.cells[idx].textContent;
                    var c=num?(parseFloat(x)||0)-(parseFloat(y)||0):x.localeCompare(y);return asc?c:-c;});
                  rows.forEach(function(r){body.appendChild(r);});
                };
              });
            });
            root.querySelectorAll('input[data-filter]').forEach(function(inp){
              var t=document.getElementById(inp.getAttribute('data-filter'));
              inp.oninput=function(){
                var q=inp.value.toLowerCase();
                Array.prototype.forEach.call(t.tBodies[0].rows,function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)>=0?'':'none';});
              };
            });
          }
          wire(document);
          // The frame-create map: a click on a burst ticks its box in the form; ticking a box marks its burst.
          document.querySelectorAll('[data-pick]').forEach(function(box){
            var form=document.getElementById(box.getAttribute('data-pick'));
            if(!form){return;}
            var paths=box.querySelectorAll('path[data-id]'),checks=form.querySelectorAll('input[name=burst]');
            var mark=function(id,on){Array.prototype.forEach.call(paths,function(p){if(p.getAttribute('data-id')===id){p.classList.toggle('picked',on);}});};
            Array.prototype.forEach.call(paths,function(p){
              p.addEventListener('click',function(){
                var id=p.getAttribute('data-id');
                Array.prototype.forEach.call(checks,function(c){if(c.value===id){c.checked=!c.checked;mark(id,c.checked);}});
              });
            });
            Array.prototype.forEach.call(checks,function(c){c.addEventListener('change',function(){mark(c.value,c.checked);});});
          });
        })();
        """ + JobPageAssets.Script + TrendAssets.Script + MapAssets.Script;
}
