import { cn } from '@/lib/cn';
import { type Forecast, driverLabel, driverValue, movingDrivers } from './model';

/**
 * What drove a forecast: each term with its value and its contribution to the log-odds, as a
 * bar that grows right when it raises the risk and left when it lowers it. Terms that did not
 * move this forecast (under the tree model most play no part on a given day) are counted, not listed.
 */
export function DriverList({ forecast }: { forecast: Forecast }) {
  const drivers = movingDrivers(forecast.drivers);
  const still = forecast.drivers.length - drivers.length;
  const max = Math.max(0.01, ...drivers.map((d) => Math.abs(d.contribution)));
  return (
    <div className="mt-4">
      <h3 className="text-[13px] font-semibold text-ink-900">
        What drives the {forecast.horizonDays}-day forecast
      </h3>
      <ul className="mt-2 flex flex-col gap-2" aria-label="Forecast drivers">
        {drivers.map((d) => {
          const raises = d.contribution > 0;
          const width = `${Math.round((Math.abs(d.contribution) / max) * 50)}%`;
          return (
            <li key={d.term} className="text-[13px]" data-testid="forecast-driver">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <span className="font-medium text-ink-900">{driverLabel(d.term)}</span>
                <span className="text-ink-500">
                  {driverValue(d)} ·{' '}
                  <span className={raises ? 'text-rose-700' : 'text-emerald-700'}>
                    {raises ? 'raises' : 'lowers'} the risk ({d.contribution > 0 ? '+' : ''}
                    {d.contribution.toFixed(2)})
                  </span>
                </span>
              </div>
              <div aria-hidden className="relative mt-1 h-1.5 rounded-full bg-ink-100">
                <div
                  className={cn(
                    'absolute top-0 h-1.5 rounded-full',
                    raises ? 'left-1/2 bg-rose-500' : 'right-1/2 bg-emerald-500',
                  )}
                  style={{ width }}
                />
              </div>
            </li>
          );
        })}
      </ul>
      {still > 0 ? (
        <p className="mt-2 text-[12px] text-ink-500" data-testid="forecast-drivers-still">
          {still} other {still === 1 ? 'term' : 'terms'} did not move this forecast.
        </p>
      ) : null}
    </div>
  );
}
