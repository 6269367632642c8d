namespace SatDaemon.Web.Html;

/// <summary>
/// The maps' style and script (<see cref="ConsoleAssets"/> appends them to its own): pan and zoom by the SVG viewBox
/// (wheel, drag, the +/−/reset buttons), labels and text kept at one size on screen, and the view kept across a
/// live page's refresh. Written here, no library: the console works with no network.
/// </summary>
internal static class MapAssets
{
    public const string Css = """
        .map-box{position:relative;max-width:900px}.map-tools{position:absolute;top:6px;right:6px;display:flex;gap:2px;z-index:1}
        .map-tools button{min-width:2em;padding:1px 6px;background:#fff;border:1px solid #99a;border-radius:3px;cursor:pointer}
        svg.map{display:block;width:100%;height:auto;max-height:70vh;border:1px solid #ccc;background:#fff;touch-action:none;cursor:grab;--u:1}
        svg.map.dragging{cursor:grabbing}
        .map .sea{fill:#e6eff8}.map path.land,.map path.land-coarse{fill:#e9e3cd;fill-opacity:1;fill-rule:evenodd;stroke:none}
        .map path.border{fill:none;stroke:#a99;stroke-width:.8px;stroke-dasharray:4 2}
        .map path,.map line{vector-effect:non-scaling-stroke}
        .map .grid{stroke:#ccd;stroke-width:.5px}.map text{pointer-events:none;font-size:calc(10px * var(--u))}
        .map text.grid-label{fill:#889;font-size:calc(10px * var(--u))}.map text.place{fill:#776;font-style:italic;font-size:calc(12px * var(--u));text-anchor:middle}.map text.place.town{fill:#444;font-style:normal;font-size:calc(11px * var(--u));text-anchor:start;paint-order:stroke;stroke:#fff;stroke-width:calc(2px * var(--u))}.map circle.town{fill:#333;r:calc(2.5px * var(--u))}
        .map .fills path{stroke:none;fill-opacity:.55}.map .fills path.burst{fill:#9bd;fill-opacity:.45}
        .map .fills path.missing{fill:#f4b6b6}.map .fills path.picked{fill:#f80;fill-opacity:.75}
        .map .fills a:hover path{fill-opacity:.85}
        .map .edges path{fill:none;stroke:#234;stroke-width:1px;pointer-events:none}.map .edges path.edge-burst{stroke:#468}
        .map .edges path.edge-missing{stroke:#c33;stroke-dasharray:3 2}.map .edges path.edge-held{stroke:#83b;stroke-width:2px;stroke-dasharray:5 3}
        .map .edges path.edge-failing{stroke:#d00;stroke-width:2.5px;filter:drop-shadow(0 0 1.5px #fff) drop-shadow(0 0 1px #fff)}
        .map text.shape-label{font-size:calc(11px * var(--u));font-weight:bold;fill:#123;text-anchor:middle;dominant-baseline:middle;paint-order:stroke;stroke:#fff;stroke-width:calc(3px * var(--u));stroke-linejoin:round}
        .map text.shape-label.small{display:none}
        svg.map.detailed>path.border,svg.map.detailed>text.place,svg.map.detailed>circle.town{display:none}
        .map-legend{display:flex;flex-wrap:wrap;gap:.3em 1.2em;align-items:center;margin:.4em 0}.map-legend svg{vertical-align:middle}
        #bursts tr:target td{background:#ffe9b3}
        .map-tip{position:fixed;z-index:5;max-width:min(340px,90vw);background:#fff;border:1px solid #99a;border-radius:4px;padding:4px 8px;box-shadow:0 2px 6px rgba(0,0,0,.25);font-size:.9em}
        """;

    /// <summary>Pan and zoom; a drag never counts as a click on the frame or burst under it.</summary>
    public const string Script = """
        (function(){
          var views={};
          function box(s){return s.split(/[\s,]+/).map(Number);}
          function setup(svg){
            if(svg.getAttribute('data-wired')){return;}
            svg.setAttribute('data-wired','1');
            var home=box(svg.getAttribute('data-home')),ext=box(svg.getAttribute('data-extent'));
            var vb=(views[svg.id]||home).slice();
            // Text keeps its size on screen: --u is user units per screen pixel, labels show once their shape is wide enough.
            function show(){
              svg.setAttribute('viewBox',vb.map(function(v){return Math.round(v*100)/100;}).join(' '));
              views[svg.id]=vb.slice();
              var px=svg.clientWidth||home[2],u=Math.max(vb[2]/px,vb[3]/(svg.clientHeight||home[3]));
              svg.style.setProperty('--u',u);
              svg.querySelectorAll('text.shape-label').forEach(function(t){t.classList.toggle('small',parseFloat(t.getAttribute('data-w'))/u<60);});
              detail(u);
            }
            // Zoomed in three times or more, the coast, borders and names of the view are asked for at this zoom's
            // precision (GET /map/detail) and laid over the map's own, which were drawn for the opening view.
            var timer=null,asked='';
            function detail(u){
              clearTimeout(timer);
              timer=setTimeout(function(){
                var old=svg.querySelector('g.detail');
                if(vb[2]>home[2]/3){if(old){old.remove();}svg.classList.remove('detailed');asked='';return;}
                var q='/map/detail?geo='+encodeURIComponent(svg.getAttribute('data-geo'))+'&box='+vb.map(function(v){return v.toFixed(2);}).join(',')+'&u='+u.toPrecision(4);
                if(q===asked){return;}
                asked=q;
                fetch(q).then(function(r){if(!r.ok){throw new Error(r.status);}return r.text();}).then(function(t){
                  if(q!==asked){return;}
                  var doc=new DOMParser().parseFromString('<svg xmlns="http://www.w3.org/2000/svg">'+t+'</svg>','image/svg+xml');
                  var g=doc.documentElement.firstElementChild;
                  if(!g||g.getAttribute('class')!=='detail'){return;}
                  g=document.importNode(g,true);
                  var now=svg.querySelector('g.detail');
                  if(now){now.replaceWith(g);}else{svg.insertBefore(g,svg.querySelector('g.graticule'));}
                  svg.classList.add('detailed');
                }).catch(function(){asked='';});
              },300);
            }
            function zoom(f,cx,cy){
              var w=Math.min(Math.max(vb[2]*f,home[2]/400),ext[2]),h=w*home[3]/home[2];
              if(h>ext[3]){h=ext[3];w=h*home[2]/home[3];}
              if(cx===undefined){cx=vb[0]+vb[2]/2;cy=vb[1]+vb[3]/2;}
              vb=[cx-(cx-vb[0])*w/vb[2],cy-(cy-vb[1])*h/vb[3],w,h];clamp();show();
            }
            function clamp(){
              vb[0]=Math.min(Math.max(vb[0],ext[0]),ext[0]+ext[2]-vb[2]);
              vb[1]=Math.min(Math.max(vb[1],ext[1]),ext[1]+ext[3]-vb[3]);
            }
            function at(e){var m=svg.getScreenCTM(),p=svg.createSVGPoint();p.x=e.clientX;p.y=e.clientY;return p.matrixTransform(m.inverse());}
            svg.addEventListener('wheel',function(e){e.preventDefault();var p=at(e);zoom(e.deltaY<0?0.8:1.25,p.x,p.y);},{passive:false});
            var drag=null,moved=false;
            svg.addEventListener('pointerdown',function(e){if(e.button!==0){return;}drag={x:e.clientX,y:e.clientY,vb:vb.slice(),k:1/svg.getScreenCTM().a,id:e.pointerId};moved=false;});
            svg.addEventListener('pointermove',function(e){
              if(!drag){return;}
              var dx=e.clientX-drag.x,dy=e.clientY-drag.y;
              if(!moved&&Math.abs(dx)+Math.abs(dy)<4){return;}
              if(!moved){moved=true;svg.setPointerCapture(drag.id);svg.classList.add('dragging');}
              vb=[drag.vb[0]-dx*drag.k,drag.vb[1]-dy*drag.k,vb[2],vb[3]];clamp();show();
            });
            function end(){drag=null;svg.classList.remove('dragging');}
            svg.addEventListener('pointerup',end);svg.addEventListener('pointercancel',end);
            // A drag ends with a click on what lies under the pointer: swallow it, so panning opens no frame.
            svg.addEventListener('click',function(e){if(moved){e.preventDefault();e.stopPropagation();moved=false;}},true);
            var tools=svg.parentNode.querySelector('.map-tools');
            if(tools){tools.querySelectorAll('button[data-map-zoom]').forEach(function(b){
              b.addEventListener('click',function(){var k=b.getAttribute('data-map-zoom');if(k==='in'){zoom(0.5);}else if(k==='out'){zoom(2);}else{vb=home.slice();show();}});
            });}
            svg.__show=show;show();
          }
          // A frame's tip (its running jobs and failures, linked): shown beside the pointer over the frame, kept while the
          // pointer is on it, hidden a moment after it leaves both.
          function tips(svg){
            var list=document.getElementById(svg.id+'-tips');
            if(!list||svg.getAttribute('data-tips')){return;}
            svg.setAttribute('data-tips','1');
            var shown=null,timer=null;
            function hide(){if(shown){shown.hidden=true;shown=null;}}
            function later(){clearTimeout(timer);timer=setTimeout(hide,600);}
            svg.addEventListener('pointerover',function(e){
              var p=e.target.closest?e.target.closest('path[data-id]'):null;
              if(!p){return;}
              var id=p.getAttribute('data-id'),tip=null;
              list.querySelectorAll('.map-tip').forEach(function(t){if(t.getAttribute('data-frame')===id){tip=t;}});
              clearTimeout(timer);
              if(shown!==tip){hide();}
              if(!tip){return;}
              tip.style.left=Math.max(4,Math.min(e.clientX+12,window.innerWidth-Math.min(340,window.innerWidth*0.9)-8))+'px';
              tip.style.top=Math.min(e.clientY+12,window.innerHeight-80)+'px';
              tip.hidden=false;shown=tip;
            });
            svg.addEventListener('pointerout',function(e){if(e.target.closest&&e.target.closest('path[data-id]')){later();}});
            list.addEventListener('pointerover',function(){clearTimeout(timer);});
            list.addEventListener('pointerout',later);
            window.addEventListener('scroll',hide,{passive:true});
          }
          function wireMaps(root){root.querySelectorAll('svg.map[data-home]').forEach(function(s){setup(s);tips(s);});}
          wireMaps(document);
          // Live pages replace their main part every few seconds: the new map opens where the old one was left.
          var main=document.querySelector('main');
          if(main&&window.MutationObserver){new MutationObserver(function(){wireMaps(main);}).observe(main,{childList:true,subtree:true});}
          window.addEventListener('resize',function(){document.querySelectorAll('svg.map[data-wired]').forEach(function(s){if(s.__show){s.__show();}});});
        })();
        """;
}
