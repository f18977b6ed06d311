/** Name pools for the generated agency portfolio. Plain data, English and Russian. */

export const COMPANY_STEMS_EN = [
  'Northwind',
  'Bluepeak',
  'Harbor',
  'Fernwood',
  'Brightline',
  'Oakridge',
  'Silverleaf',
  'Cobalt',
  'Lumen',
  'Kestrel',
  'Meridian',
  'Sparrow',
  'Tidewater',
  'Ironbark',
  'Juniper',
  'Quarry',
  'Redwood',
  'Saltmarsh',
  'Elmstead',
  'Granite',
  'Halcyon',
  'Larkspur',
  'Marigold',
  'Pinecrest',
  'Westgate',
] as const;

export const COMPANY_KINDS_EN = [
  'Logistics',
  'Health',
  'Foods',
  'Analytics',
  'Retail',
  'Labs',
  'Travel',
  'Energy',
  'Studio',
  'Finance',
] as const;

/** Russian company stems with the Latin form used in their domains. */
export const COMPANY_STEMS_RU = [
  ['Северный ветер', 'severveter'],
  ['Альфа-Строй', 'alfastroy'],
  ['Вектор', 'vektor'],
  ['Гранит', 'granit'],
  ['Меридиан', 'meridian'],
  ['Полюс', 'polus'],
  ['Орбита', 'orbita'],
  ['Ладога', 'ladoga'],
  ['Рубин', 'rubin'],
  ['Байкал', 'baikal'],
  ['Кедр', 'kedr'],
  ['Атлант', 'atlant'],
  ['Волга', 'volga'],
  ['Спектр', 'spektr'],
  ['Зенит', 'zenit'],
  ['Азимут', 'azimut'],
] as const;

export const COMPANY_KINDS_RU = [
  'Логистик',
  'Медиа',
  'Трейд',
  'Девелопмент',
  'Фуд',
  'Финанс',
  'Тех',
] as const;

export const FIRST_NAMES_EN = [
  'Alice',
  'Ben',
  'Chloe',
  'Daniel',
  'Emma',
  'Felix',
  'Grace',
  'Henry',
  'Isla',
  'Jack',
  'Kate',
  'Liam',
  'Maya',
  'Noah',
  'Olivia',
  'Paul',
  'Rosa',
  'Sam',
  'Tara',
  'Victor',
  'Wendy',
  'Zoe',
] as const;

export const LAST_NAMES_EN = [
  'Adams',
  'Baker',
  'Carter',
  'Dixon',
  'Evans',
  'Fisher',
  'Gray',
  'Hughes',
  'Irwin',
  'Jensen',
  'Keller',
  'Lawson',
  'Morgan',
  'Nolan',
  'Owens',
  'Palmer',
  'Reed',
  'Shaw',
  'Turner',
  'Walsh',
] as const;

/** Russian names as [first, last] with a matching Latin transliteration for e-mail addresses. */
export const FIRST_NAMES_RU = [
  ['Анна', 'anna'],
  ['Борис', 'boris'],
  ['Виктория', 'viktoria'],
  ['Глеб', 'gleb'],
  ['Дарья', 'darya'],
  ['Егор', 'egor'],
  ['Жанна', 'zhanna'],
  ['Иван', 'ivan'],
  ['Ксения', 'ksenia'],
  ['Максим', 'maxim'],
  ['Наталья', 'natalya'],
  ['Олег', 'oleg'],
  ['Полина', 'polina'],
  ['Роман', 'roman'],
  ['Светлана', 'svetlana'],
  ['Тимур', 'timur'],
  ['Ульяна', 'ulyana'],
  ['Фёдор', 'fedor'],
] as const;

export const LAST_NAMES_RU = [
  ['Иванов', 'ivanov'],
  ['Смирнов', 'smirnov'],
  ['Кузнецов', 'kuznetsov'],
  ['Попов', 'popov'],
  ['Соколов', 'sokolov'],
  ['Лебедев', 'lebedev'],
  ['Козлов', 'kozlov'],
  ['Новиков', 'novikov'],
  ['Морозов', 'morozov'],
  ['Волков', 'volkov'],
  ['Павлов', 'pavlov'],
  ['Семёнов', 'semenov'],
] as const;

export const JOB_TITLES_EN = [
  'Head of Product',
  'Marketing Manager',
  'CTO',
  'Operations Director',
  'Founder',
  'Project Owner',
] as const;

export const JOB_TITLES_RU = [
  'Руководитель продукта',
  'Маркетолог',
  'Технический директор',
  'Операционный директор',
  'Основатель',
] as const;

export const PROJECT_KINDS_EN = [
  'Website Redesign',
  'Mobile App',
  'Customer Portal',
  'Data Platform',
  'E-commerce Store',
  'CRM Integration',
  'Booking System',
  'Analytics Dashboard',
  'Loyalty Program',
  'Support Chatbot',
] as const;

export const PROJECT_KINDS_RU = [
  'Редизайн сайта',
  'Мобильное приложение',
  'Личный кабинет',
  'Интернет-магазин',
  'Интеграция с CRM',
  'Система бронирования',
  'Аналитическая панель',
  'Программа лояльности',
] as const;

export const FEATURES_EN = [
  'checkout flow',
  'login page',
  'search filters',
  'push notifications',
  'invoice export',
  'onboarding screens',
  'payment integration',
  'admin panel',
  'product catalog',
  'reporting page',
  'email templates',
  'user roles',
  'mobile menu',
  'order history',
  'calendar sync',
  'PDF reports',
] as const;

export const FEATURES_RU = [
  'оформление заказа',
  'страница входа',
  'фильтры поиска',
  'push-уведомления',
  'выгрузка счетов',
  'экраны онбординга',
  'интеграция оплаты',
  'админ-панель',
  'каталог товаров',
  'страница отчётов',
  'шаблоны писем',
  'роли пользователей',
  'мобильное меню',
  'история заказов',
  'PDF-отчёты',
] as const;

export const BUG_SUBJECTS_RU = [
  'падает при отправке формы',
  'неверная сумма в корзине',
  'съехала вёрстка в Safari',
  'таймаут при выгрузке',
  'дублируются уведомления',
  'после сброса пароля не пускает',
  'нет переводов',
  'медленный поиск',
] as const;

export const ISSUE_VERBS_RU = [
  'Реализовать',
  'Исправить',
  'Доработать',
  'Сверстать',
  'Протестировать',
] as const;

export const ISSUE_VERBS = ['Implement', 'Fix', 'Refactor', 'Design', 'Test', 'Polish', 'Migrate'] as const;

export const BUG_SUBJECTS = [
  'crash on submit',
  'wrong totals in cart',
  'broken layout on Safari',
  'timeout on export',
  'duplicate notifications',
  'login loop after reset',
  'missing translations',
  'slow search results',
] as const;

export const CITIES_EN = ['London', 'Berlin', 'Amsterdam', 'Dublin', 'Lisbon', 'Austin', 'Toronto'] as const;
export const CITIES_RU = ['Москва', 'Санкт-Петербург', 'Казань', 'Новосибирск', 'Екатеринбург'] as const;

export const CHANNEL_TYPES = [
  'Channel::WebWidget',
  'Channel::Email',
  'Channel::Api',
  'Channel::Telegram',
  'Channel::Whatsapp',
] as const;
